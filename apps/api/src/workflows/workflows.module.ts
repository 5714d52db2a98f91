import { Module } from '@nestjs/common';
import { CredentialRepository, WorkflowRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { CredentialReferenceChecker } from './credential-reference-checker';
import { DefinitionValidator } from './definition-validator.service';
import { WorkflowValidationController } from './workflow-validation.controller';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Module({
  controllers: [WorkflowValidationController, WorkflowsController],
  providers: [
    WorkflowsService,
    DefinitionValidator,
    CredentialReferenceChecker,
    {
      provide: CredentialRepository,
      useFactory: (dataSource: DataSource) => new CredentialRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: WorkflowRepository,
      useFactory: (dataSource: DataSource) => new WorkflowRepository(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [WorkflowsService, WorkflowRepository, DefinitionValidator],
})
export class WorkflowsModule {}
