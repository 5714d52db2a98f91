import { Body, Controller, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { TriggerDto } from '../../triggers/dto/trigger.response.dto';
import { type OriginRequest, requestOrigin } from '../../triggers/request-origin';
import { toTriggerDto } from '../../triggers/trigger-response.mapper';
import { WorkflowDto } from '../dto/workflow.response.dto';
import { toWorkflowDto } from '../workflow-response.mapper';
import { ImportSeedWorkflowDto } from './dto/import-seed-workflow.dto';
import { WorkflowImportService } from './workflow-import.service';

export class ImportedWorkflowDto {
  @ApiProperty({ type: WorkflowDto }) workflow: WorkflowDto;

  @ApiPropertyOptional({ type: TriggerDto, nullable: true, description: 'The cron trigger made from `cron`' })
  trigger: TriggerDto | null;

  @ApiProperty({ type: [String], description: 'What the mapping changed or dropped, each naming the field' })
  notes: string[];
}

@ApiTags('workflows')
@AuthenticatedApi()
@Controller('workflows')
export class WorkflowImportController {
  constructor(private readonly imports: WorkflowImportService) {}

  @Post('import')
  @ApiOperation({
    summary: 'Import a workflow in the seed design format: node types, inputs and handles mapped; cron and status kept',
  })
  @ApiBody({
    type: ImportSeedWorkflowDto,
    examples: {
      seed: {
        summary: 'The seed design example',
        value: {
          name: 'Workflow Name',
          description: 'Workflow description',
          nodes: [
            {
              id: 'node-1',
              type: 'launch_standard_browser',
              position: { x: 100, y: 100 },
              data: { inputs: { 'Website URL': 'https://example.com' } },
            },
          ],
          edges: [],
          cron: '0 9 * * 1-5',
          status: 'active',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ImportedWorkflowDto })
  @ApiBadRequestResponse({
    description: 'A field is missing or malformed, or the mapped graph is invalid; the message names it',
  })
  async importSeed(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ImportSeedWorkflowDto,
    @Req() request: OriginRequest,
  ): Promise<ImportedWorkflowDto> {
    const imported = await this.imports.importSeed(principal, dto);
    return {
      workflow: toWorkflowDto(imported.workflow),
      trigger: imported.trigger ? toTriggerDto(imported.trigger, requestOrigin(request)) : null,
      notes: imported.notes,
    };
  }
}
