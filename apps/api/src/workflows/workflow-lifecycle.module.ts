import { Module } from '@nestjs/common';
import { TriggerRepository, WorkflowLifecycleRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { WorkflowLifecycleController } from './workflow-lifecycle.controller';
import { WorkflowLifecycleService } from './workflow-lifecycle.service';
import { WorkflowsModule } from './workflows.module';

/** Status changes, version restore and the guarded delete (kept apart from the CRUD module). */
@Module({
  imports: [WorkflowsModule],
  controllers: [WorkflowLifecycleController],
  providers: [
    WorkflowLifecycleService,
    {
      provide: WorkflowLifecycleRepository,
      useFactory: (dataSource: DataSource) => new WorkflowLifecycleRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: TriggerRepository,
      useFactory: (dataSource: DataSource) => new TriggerRepository(dataSource),
      inject: [DataSource],
    },
  ],
})
export class WorkflowLifecycleModule {}
