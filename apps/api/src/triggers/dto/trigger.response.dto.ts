import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRIGGER_TYPES, type TriggerType } from '@baton/persistence';
import type { RequestedMode } from '@baton/engine';
import { TRIGGER_MODES } from './trigger-mode.field';
import { FORM_RESPONSES, type FormResponse } from './form-trigger.dto';

/** A trigger: its type's settings (as created) plus schedule state; `secret` only in the response that created it. */
export class TriggerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workflowId: string;
  @ApiProperty({ enum: TRIGGER_TYPES }) type: TriggerType;
  @ApiProperty() enabled: boolean;
  @ApiPropertyOptional({ description: 'cron' }) expression?: string;
  @ApiPropertyOptional({ description: 'cron' }) timezone?: string;
  @ApiPropertyOptional({ description: 'cron' }) catchUp?: string;
  @ApiPropertyOptional({ description: 'once', format: 'date-time' }) at?: string;
  @ApiPropertyOptional({ description: 'webhook' }) signed?: boolean;
  @ApiPropertyOptional({ description: 'webhook' }) responseMode?: string;
  @ApiPropertyOptional({ description: 'webhook', type: [String] }) methods?: string[];
  @ApiPropertyOptional({ description: 'webhook' }) rateLimitPerMinute?: number;
  @ApiPropertyOptional({ description: 'form' }) title?: string;
  @ApiPropertyOptional({ description: 'form', type: 'array', items: { type: 'object' } }) fields?: unknown[];
  @ApiPropertyOptional({ description: 'form' }) thankYou?: string;
  @ApiPropertyOptional({
    description: 'form: what a valid submission answers (absent on forms saved before it existed: thank-you)',
    enum: FORM_RESPONSES,
  })
  response?: FormResponse;
  @ApiPropertyOptional({
    enum: TRIGGER_MODES,
    description: 'webhook and form: how their runs start (as `mode` of POST /api/workflows/:id/execute)',
  })
  mode?: RequestedMode;
  @ApiPropertyOptional({ description: 'webhook and form: the public URL' }) url?: string;
  @ApiPropertyOptional({ description: 'webhook with `signed`: the signing secret, returned only when it is created' })
  secret?: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextRunAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastRunAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TriggerRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) executionId: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The slot a cron or one-time run was due',
  })
  scheduledFor: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the execution could not start' }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NextRunDto {
  @ApiProperty({ format: 'date-time', description: 'UTC' }) at: string;
  @ApiProperty({ example: '2030-03-10T03:00:00-04:00', description: "The same instant in the trigger's time zone" })
  local: string;
}

export class NextRunsDto {
  @ApiProperty() timezone: string;
  @ApiProperty({ type: [NextRunDto] }) runs: NextRunDto[];
}
