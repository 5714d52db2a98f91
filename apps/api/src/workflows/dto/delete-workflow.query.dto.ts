import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class DeleteWorkflowQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: "Cancel the workflow's running executions first instead of refusing with 409",
  })
  @IsOptional()
  // Query strings are text: only the words true/false are accepted, anything else fails IsBoolean.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  force?: boolean;
}
