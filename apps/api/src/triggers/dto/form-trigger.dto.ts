import type { RequestedMode } from '@baton/engine';
import { TriggerModeField } from './trigger-mode.field';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** What a valid submission answers: the thank-you line, or a page following the job it started. */
export const FORM_RESPONSES = ['thank-you', 'status-page'] as const;
export type FormResponse = (typeof FORM_RESPONSES)[number];

export const FORM_FIELD_TYPES = ['text', 'textarea', 'email', 'number', 'url', 'date', 'checkbox', 'select'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export class FormFieldDto {
  @ApiProperty({ example: 'email', description: 'Key of the value in the execution input' })
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, {
    message: 'name must start with a letter or "_" and use letters, digits, "_" or "-" (at most 64)',
  })
  name: string;

  @ApiProperty({ example: 'Email address' })
  @IsString()
  @Length(1, 200)
  label: string;

  @ApiProperty({ enum: FORM_FIELD_TYPES })
  @IsIn(FORM_FIELD_TYPES)
  type: FormFieldType;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ description: 'Help text shown under the field' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  help?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000)
  minLength?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(10_000)
  maxLength?: number;

  @ApiPropertyOptional({ description: 'A regular expression the whole value must match (text fields)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  pattern?: string;

  @ApiPropertyOptional({ description: 'Smallest number (number fields)' })
  @IsOptional()
  @IsNumber()
  min?: number;

  @ApiPropertyOptional({ description: 'Largest number (number fields)' })
  @IsOptional()
  @IsNumber()
  max?: number;

  @ApiPropertyOptional({ type: [String], description: 'Choices (select fields)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  options?: string[];
}

export class FormTriggerDto {
  @ApiProperty({ enum: ['form'] })
  @Equals('form')
  type: 'form';

  @ApiPropertyOptional({ example: 'Contact us', description: 'Page heading (default: the workflow name)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ type: [FormFieldDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  fields: FormFieldDto[];

  @ApiPropertyOptional({
    default: 'Thank you, your submission was received.',
    description: 'Shown after a valid submission (plain text)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  thankYou?: string;

  @ApiPropertyOptional({
    enum: FORM_RESPONSES,
    default: 'thank-you',
    description:
      '`status-page`: the submitter sees a job status page (queued, running, completed, failed; links to the artifacts the workflow published) instead of the thank-you line',
  })
  @IsOptional()
  @IsIn(FORM_RESPONSES)
  response?: FormResponse;

  @TriggerModeField()
  mode?: RequestedMode;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
