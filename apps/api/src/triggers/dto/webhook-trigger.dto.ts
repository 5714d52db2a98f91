import type { RequestedMode } from '@baton/engine';
import { TriggerModeField } from './trigger-mode.field';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];
export const RESPONSE_MODES = ['async', 'sync'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

export class WebhookTriggerDto {
  @ApiProperty({ enum: ['webhook'] })
  @Equals('webhook')
  type: 'webhook';

  @ApiPropertyOptional({
    default: false,
    description:
      'Require `X-Baton-Signature: t=<unix>,v1=<hex HMAC-SHA256 of t + "." + body>`; the secret is returned once',
  })
  @IsOptional()
  @IsBoolean()
  signed?: boolean;

  @ApiPropertyOptional({
    enum: RESPONSE_MODES,
    default: 'async',
    description: '`async`: 202 `{ executionId }`; `sync`: waits for the output, then falls back to 202',
  })
  @IsOptional()
  @IsIn(RESPONSE_MODES)
  responseMode?: ResponseMode;

  @ApiPropertyOptional({ enum: WEBHOOK_METHODS, isArray: true, default: ['POST'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_METHODS.length)
  @IsIn(WEBHOOK_METHODS, { each: true })
  methods?: WebhookMethod[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100000,
    description: 'Requests per minute before 429 (default BATON_WEBHOOK_RATE_LIMIT_PER_MINUTE)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimitPerMinute?: number;

  @TriggerModeField()
  mode?: RequestedMode;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
