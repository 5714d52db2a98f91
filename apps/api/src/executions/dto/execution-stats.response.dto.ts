import { ApiProperty } from '@nestjs/swagger';

/** Step jobs in the deployment's queue (shared by every workspace: it is one queue). */
export class QueueDepthDto {
  @ApiProperty({ description: 'Ready to run, including prioritized jobs' }) waiting: number;
  @ApiProperty({ description: 'Being run by a worker now' }) active: number;
  @ApiProperty({ description: 'Parked until a time: delays, retry back-off, concurrency limits' }) delayed: number;
}

export class FinishedCountsDto {
  @ApiProperty() completed: number;
  @ApiProperty() failed: number;
  @ApiProperty() cancelled: number;
}

export class OpenCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty() running: number;
  @ApiProperty() paused: number;
}

/** The monitor's header: queue depth and this workspace's throughput. */
export class ExecutionStatsDto {
  @ApiProperty({
    type: QueueDepthDto,
    nullable: true,
    description: 'Installation-wide, so shown to the installation owner only (null for everyone else)',
  })
  queue: QueueDepthDto | null;
  @ApiProperty({ type: OpenCountsDto, description: "This workspace's executions not yet ended" }) open: OpenCountsDto;
  @ApiProperty({ type: FinishedCountsDto, description: "This workspace's executions that ended in the last minute" })
  lastMinute: FinishedCountsDto;
  @ApiProperty({ type: FinishedCountsDto, description: "This workspace's executions that ended in the last hour" })
  lastHour: FinishedCountsDto;
  @ApiProperty({ format: 'date-time', description: 'When these numbers were read' }) at: string;
}
