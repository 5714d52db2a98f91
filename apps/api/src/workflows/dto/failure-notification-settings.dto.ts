import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsObject,
  IsOptional,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const MAX_RECIPIENTS = 20;

export class FailureWebhookDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'https://alerts.example.com/baton',
    description: 'POSTed a JSON report of each failed execution (outbound-HTTP rules of BATON_HTTP_ALLOW_HOSTS apply)',
  })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'A `secret` credential: the report is signed `X-Baton-Signature: t=<unix s>,v1=<HMAC-SHA256 hex>` with it',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'secretCredentialId must be a UUID' })
  secretCredentialId?: string | null;
}

export class FailureEmailDto {
  @ApiProperty({ format: 'uuid', description: 'An `smtp` credential of the workspace' })
  @IsUUID(undefined, { message: 'credentialId must be a UUID' })
  credentialId: string;

  @ApiProperty({ maxLength: 320, example: 'baton@example.com' })
  @IsEmail({}, { message: 'from must be an email address' })
  @MaxLength(320)
  from: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_RECIPIENTS, example: ['oncall@example.com'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECIPIENTS)
  @IsEmail({}, { each: true, message: 'to must hold email addresses' })
  @MaxLength(320, { each: true })
  to: string[];
}

/** Where a failed execution of the workflow is reported; each target is optional. */
export class FailureNotificationSettingsDto {
  @ApiPropertyOptional({ type: FailureWebhookDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FailureWebhookDto)
  webhook?: FailureWebhookDto | null;

  @ApiPropertyOptional({ type: FailureEmailDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FailureEmailDto)
  email?: FailureEmailDto | null;
}
