import { ApiProperty } from '@nestjs/swagger';

export class StuckExecutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) workflowId: string | null;
  @ApiProperty({ type: String, nullable: true }) workflowName: string | null;
  @ApiProperty({ enum: ['pending', 'running'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "The workflow's settings.expectedDurationSeconds" })
  expectedDurationSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds since it started' }) runningSeconds: number | null;
  @ApiProperty({
    enum: ['over_expected_duration', 'lease_expired'],
    isArray: true,
    description:
      '`over_expected_duration`: running longer than the workflow expects; `lease_expired`: a running step whose ' +
      'worker stopped renewing its lease and recovery has not taken it back',
  })
  reasons: string[];
  @ApiProperty({ type: [String], description: 'The steps whose lease expired' }) expiredLeaseSteps: string[];
}

export class StuckExecutionListDto {
  @ApiProperty({ type: [StuckExecutionDto], description: 'Longest running first' }) items: StuckExecutionDto[];
}
