import { type DynamicModule, Module } from '@nestjs/common';
import { DeadLetterRepository, ExecutionListRepository, ExecutionStatsRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { DeadLettersController } from '../operations/dead-letters/dead-letters.controller';
import { DeadLettersService } from '../operations/dead-letters/dead-letters.service';
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
      // Stats and dead letters first: their literal paths must win over `executions/:id`.
      controllers: options.servesApi ? [ExecutionStatsController, DeadLettersController, ExecutionsController] : [],
      providers: [
        ...(options.servesApi
          ? [
              ExecutionsService,
              {
                provide: ExecutionListRepository,
                useFactory: (dataSource: DataSource) => new ExecutionListRepository(dataSource),
                inject: [DataSource],
              },
              DeadLettersService,
              {
                provide: DeadLetterRepository,
                useFactory: (dataSource: DataSource) => new DeadLetterRepository(dataSource),
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
