import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExecutionStatsRepository, IdentityRepository } from '@baton/persistence';
import type { Queue } from 'bullmq';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { QUEUE_NAMES } from '../queue/queue-names';
import { ExecutionStatsDto } from './dto/execution-stats.response.dto';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Queue depth and throughput for the monitor. Registered before ExecutionsController so the
 * literal `executions/stats` is matched before `executions/:id` (which would refuse "stats" as an id).
 */
@ApiTags('executions')
@AuthenticatedApi()
@Controller()
export class ExecutionStatsController {
  constructor(
    @InjectQueue(QUEUE_NAMES.steps) private readonly steps: Queue,
    private readonly stats: ExecutionStatsRepository,
    private readonly identity: IdentityRepository,
  ) {}

  @Get('executions/stats')
  @ApiOperation({ summary: "Step queue depth, and the workspace's open and recently ended executions" })
  @ApiOkResponse({ type: ExecutionStatsDto })
  async get(@CurrentPrincipal() principal: Principal): Promise<ExecutionStatsDto> {
    const now = Date.now();
    // The step queue is shared by every workspace: its depth tells about other tenants' load.
    const seesQueue = principal.via === 'jwt' && (await this.identity.isInstallationOwner(principal.userId));
    const [jobs, open, lastMinute, lastHour] = await Promise.all([
      seesQueue ? this.steps.getJobCounts('waiting', 'prioritized', 'active', 'delayed') : null,
      this.stats.countOpen(principal.workspaceId),
      this.stats.countFinishedSince(principal.workspaceId, new Date(now - MINUTE_MS)),
      this.stats.countFinishedSince(principal.workspaceId, new Date(now - HOUR_MS)),
    ]);
    return {
      // BullMQ keeps prioritized jobs in a list of their own; both are "waiting" to an operator.
      queue: jobs && {
        waiting: (jobs['waiting'] ?? 0) + (jobs['prioritized'] ?? 0),
        active: jobs['active'] ?? 0,
        delayed: jobs['delayed'] ?? 0,
      },
      open,
      lastMinute,
      lastHour,
      at: new Date(now).toISOString(),
    };
  }
}
