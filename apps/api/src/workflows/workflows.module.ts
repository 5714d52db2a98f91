import { Module } from '@nestjs/common';
import { WorkflowRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { DefinitionValidator } from './definition-validator.service';
import { WorkflowValidationController } from './workflow-validation.controller';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Module({
  controllers: [WorkflowValidationController, WorkflowsController],
  providers: [
    WorkflowsService,
    DefinitionValidator,
    {
      provide: WorkflowRepository,
      useFactory: (dataSource: DataSource) => new WorkflowRepository(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [WorkflowsService, WorkflowRepository, DefinitionValidator],
})
export class WorkflowsModule {}
