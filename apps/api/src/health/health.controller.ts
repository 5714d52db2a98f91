import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/decorators/public.decorator';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { tierOf } from '../config/baton-config';
import { QueueHealthIndicator } from './queue.health-indicator';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    @Inject(BATON_RUNTIME) private readonly runtime: BatonRuntime,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving', security: [] })
  @ApiOkResponse({
    description: '`{ status: "ok", role, tier, queueBackend }`; a process that cannot answer is not live',
  })
  live() {
    const { config, queue } = this.runtime;
    return { status: 'ok', role: config.role, tier: tierOf(config), queueBackend: queue.kind };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database and the queue backend answer', security: [] })
  @ApiOkResponse({
    description: 'Terminus\'s report: `{ status: "ok", info, error, details }` per check',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiServiceUnavailableResponse({
    // Terminus's report, not the shared error body: `{ status: "error", info, error, details }` per check.
    description: 'The database or the queue backend does not answer',
    schema: { type: 'object', additionalProperties: true },
  })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.queue.check('queue', 3000),
    ]);
  }
}
