import { Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import type { Principal } from '../auth/principal';
import { DeleteWorkflowQueryDto } from './dto/delete-workflow.query.dto';
import { WorkflowDto } from './dto/workflow.response.dto';
import { WorkflowLifecycleService } from './workflow-lifecycle.service';
import { toWorkflowDto } from './workflow-response.mapper';
import { VersionNumberPipe } from '../common/version-number.pipe';

const versionNumber = new VersionNumberPipe('version');

@ApiTags('workflows')
@AuthenticatedApi()
@Controller('workflows')
export class WorkflowLifecycleController {
  constructor(private readonly lifecycle: WorkflowLifecycleService) {}

  @Post(':id/activate')
  @ApiOperation({ summary: 'Activate a workflow: its triggers fire' })
  @HttpCode(200)
  @ApiOkResponse({ type: WorkflowDto, description: "Active: the workflow's triggers fire" })
  @ApiNotFoundResponse()
  async activate(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<WorkflowDto> {
    return toWorkflowDto(await this.lifecycle.activate(principal, id));
  }

  @Post(':id/pause')
  @ApiOperation({ summary: 'Pause a workflow: its triggers stop firing; manual and API runs still work' })
  @HttpCode(200)
  @ApiOkResponse({ type: WorkflowDto, description: 'Paused: triggers stop firing; manual and API runs still work' })
  @ApiNotFoundResponse()
  async pause(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<WorkflowDto> {
    return toWorkflowDto(await this.lifecycle.pause(principal, id));
  }

  @Post(':id/versions/:version/restore')
  @ApiOperation({ summary: 'Restore an earlier version as a new current version' })
  @HttpCode(200)
  @ApiOkResponse({ type: WorkflowDto, description: "The old version's definition saved as a new version" })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  async restore(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Param('version', versionNumber) version: number,
  ): Promise<WorkflowDto> {
    return toWorkflowDto(await this.lifecycle.restore(principal, id, version));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a workflow (409 while executions run, unless force=true cancels them)' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The workflow has running executions and `force` was not set' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: DeleteWorkflowQueryDto,
  ): Promise<void> {
    await this.lifecycle.remove(principal, id, query.force === true);
  }
}
