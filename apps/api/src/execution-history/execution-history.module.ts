import { Module } from '@nestjs/common';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ExecutionHistoryController } from './execution-history.controller';
import { WorkflowDiagramController } from './workflow-diagram.controller';

/** Read models for the console: an execution's Step Functions-style history and a workflow's diagram. */
@Module({
  imports: [WorkflowsModule],
  controllers: [ExecutionHistoryController, WorkflowDiagramController],
})
export class ExecutionHistoryModule {}
