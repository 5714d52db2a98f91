import { Module } from '@nestjs/common';
import { WorkflowRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Module({
  controllers: [WorkflowsController],
  providers: [
    WorkflowsService,
    { provide: WorkflowRepository, useFactory: (dataSource: DataSource) => new WorkflowRepository(dataSource), inject: [DataSource] },
  ],
  exports: [WorkflowsService, WorkflowRepository],
})
export class WorkflowsModule {}
