import { type DynamicModule, Module } from '@nestjs/common';
import { ExecutionListRepository, ExecutionStatsRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ExecutionRecoveryService } from './execution-recovery.service';
import { ExecutionStatsController } from './execution-stats.controller';
import { ExecutionsController } from './executions.controller';
import { ExecutionsService } from './executions.service';
import { StepProcessor } from './step.processor';
import { WorkerDrainService } from './worker-drain.service';

/** REST for executions in API roles; the step processor, recovery and drain in worker roles. */
@Module({})
export class ExecutionsModule {
  static forRole(options: { servesApi: boolean; runsWorkers: boolean }): DynamicModule {
    return {
      module: ExecutionsModule,
      imports: options.servesApi ? [WorkflowsModule, AuthModule] : [],
      // Stats first: its literal path must win over `executions/:id`.
      controllers: options.servesApi ? [ExecutionStatsController, ExecutionsController] : [],
      providers: [
        ...(options.servesApi
          ? [
              ExecutionsService,
              {
                provide: ExecutionListRepository,
                useFactory: (dataSource: DataSource) => new ExecutionListRepository(dataSource),
                inject: [DataSource],
              },
              {
                provide: ExecutionStatsRepository,
                useFactory: (dataSource: DataSource) => new ExecutionStatsRepository(dataSource),
                inject: [DataSource],
              },
            ]
          : []),
        ...(options.runsWorkers ? [StepProcessor, WorkerDrainService, ExecutionRecoveryService] : []),
      ],
    };
  }
}
