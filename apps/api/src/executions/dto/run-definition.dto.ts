import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject } from 'class-validator';
import { WORKFLOW_FORMATS, type WorkflowFormat } from '@baton/persistence';
import { ExecuteWorkflowDto } from './execute-workflow.dto';

/** The editor's test run: a definition that need not be saved, plus what execute takes. */
export class RunDefinitionDto extends ExecuteWorkflowDto {
  @ApiProperty({ enum: WORKFLOW_FORMATS })
  @IsIn(WORKFLOW_FORMATS)
  format: WorkflowFormat;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The definition to run, exactly as it would be saved',
  })
  @IsObject()
  definition: Record<string, unknown>;
}
