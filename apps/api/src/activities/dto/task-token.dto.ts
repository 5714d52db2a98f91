import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class TaskSuccessDto {
  @ApiPropertyOptional({
    description: "The task's result (any JSON); the state's ResultSelector/ResultPath/OutputPath apply to it",
  })
  @IsOptional()
  output?: unknown;
}

export class TaskFailureDto {
  @ApiPropertyOptional({
    description: 'Error name, kept verbatim (Retry/Catch match on it); default States.TaskFailed',
    maxLength: 256,
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  error?: string;

  @ApiPropertyOptional({ description: 'Readable cause, kept verbatim', maxLength: 32768 })
  @IsOptional()
  @IsString()
  @MaxLength(32768)
  cause?: string;
}
