import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TriggerRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { SecretBox } from '../secrets/secret-box';
import { WorkflowImportController } from '../workflows/import/workflow-import.controller';
import { WorkflowImportService } from '../workflows/import/workflow-import.service';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ArtifactLinkSigner } from '../artifacts/artifact-link-signer';
import { FormController } from './forms/form.controller';
import { FormJobStatusService } from './forms/form-job-status.service';
import { FormJobTokens } from './forms/form-job-token';
import { FormService } from './forms/form.service';
import { TriggerClock } from './trigger-clock';
import { TriggerScheduler } from './trigger.scheduler';
import { TriggerStarter } from './trigger-starter.service';
import { TriggersController } from './triggers.controller';
import { TriggersService } from './triggers.service';
import { WebhookController } from './webhooks/webhook.controller';
import { WebhookService } from './webhooks/webhook.service';

/**
 * Triggers REST, public webhook and form endpoints, and the cron/one-time scheduler. Loaded only in
 * processes that serve the API (see app.module.ts): those already hold the queue producer needed to
 * start executions, and API processes are the ones scaled for availability, so with several of them
 * the scheduler stays up as long as any is; SKIP LOCKED makes their ticks safe together. A worker-only
 * process never ticks, and BATON_SCHEDULER=off turns ticking off in an API process.
 */
@Module({})
export class TriggersModule {
  static forApi(): DynamicModule {
    return {
      module: TriggersModule,
      imports: [ScheduleModule.forRoot(), WorkflowsModule],
      // The seed import creates a workflow and its cron trigger, so it lives where both services are.
      controllers: [TriggersController, WebhookController, FormController, WorkflowImportController],
      providers: [
        TriggersService,
        WorkflowImportService,
        TriggerStarter,
        TriggerScheduler,
        TriggerClock,
        WebhookService,
        FormService,
        FormJobStatusService,
        {
          // Status page tokens and the links they show; both keyed from the encryption key, so every process reads them.
          provide: FormJobTokens,
          useFactory: (runtime: BatonRuntime) => new FormJobTokens(runtime.encryptionKey),
          inject: [BATON_RUNTIME],
        },
        {
          provide: ArtifactLinkSigner,
          useFactory: (runtime: BatonRuntime) => new ArtifactLinkSigner(runtime.encryptionKey),
          inject: [BATON_RUNTIME],
        },
        {
          provide: TriggerRepository,
          useFactory: (dataSource: DataSource) => new TriggerRepository(dataSource),
          inject: [DataSource],
        },
        {
          provide: SecretBox,
          useFactory: (runtime: BatonRuntime) => new SecretBox(runtime.encryptionKey),
          inject: [BATON_RUNTIME],
        },
      ],
      exports: [TriggerScheduler],
    };
  }
}
