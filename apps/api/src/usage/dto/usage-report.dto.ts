import { ApiProperty } from '@nestjs/swagger';
import { USAGE_GROUPS } from './usage.query.dto';

export class UsageGroupDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Workflow id (null: runs of unsaved definitions), node type `type@version`, or day `YYYY-MM-DD` (UTC)',
  })
  key: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The workflow's name when grouped by workflow" })
  label: string | null;
  @ApiProperty({ description: 'Credits of the steps in this group (up to 4 decimals)' }) credits: number;
  @ApiProperty({ description: 'Model tokens the steps reported' }) tokens: number;
  @ApiProperty({ description: 'Steps metered (free ones included), each summed over its attempts' }) steps: number;
  @ApiProperty({ description: 'Executions those steps belong to' }) executions: number;
}

/** What the workspace's steps cost in a window. */
export class UsageReportDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ enum: USAGE_GROUPS }) groupBy: string;
  @ApiProperty({ description: 'Sum of every group: the credits of all steps in the window' }) totalCredits: number;
  @ApiProperty() totalTokens: number;
  @ApiProperty({ type: [UsageGroupDto] }) groups: UsageGroupDto[];
}
