import { ApiProperty } from '@nestjs/swagger';
import type { FormJobStatus } from '../forms/render-status-page';

export class FormJobLinkDto {
  @ApiProperty({ example: 'report.html' }) name: string;
  @ApiProperty({ example: 'text/html; charset=utf-8' }) contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'A signed public link (GET /api/artifact-links/{token}); no login' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

/** All a form's submitter may know of the job their submission started. */
export class FormJobStatusDto {
  @ApiProperty({
    enum: ['queued', 'running', 'completed', 'failed'],
    description: '`failed` covers cancelled runs too; the reason is not shown',
  })
  status: FormJobStatus;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({
    type: [FormJobLinkDto],
    description: 'When completed: the artifacts the workflow published (publish: true), oldest first',
  })
  links: FormJobLinkDto[];
}
