import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from '@baton/persistence';
import { existsSync } from 'node:fs';
import { ActivitiesModule } from './activities/activities.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { ArtifactStorageModule } from './artifacts/artifact-storage.module';
import { ArtifactsModule } from './artifacts/artifacts.module';
import { AuthModule } from './auth/auth.module';
import { EngineWiringModule } from './engine-wiring/engine-wiring.module';
import { ExecutionHistoryModule } from './execution-history/execution-history.module';
import { ExecutionsModule } from './executions/executions.module';
import { BATON_RUNTIME, type BatonRuntime } from './bootstrap/baton-runtime';
import { BATON_CONFIG } from './config/baton-config.token';
import { CredentialsModule } from './credentials/credentials.module';
import { HealthModule } from './health/health.module';
import { LiveEventsModule } from './live-events/live-events.module';
import { NodesModule } from './nodes/nodes.module';
import { ObservabilityModule } from './observability/observability.module';
import { OperationsModule } from './operations/operations.module';
import { QueuesModule } from './queue/queues.module';
import { TriggersModule } from './triggers/triggers.module';
import { UsageModule } from './usage/usage.module';
import { WorkflowLifecycleModule } from './workflows/workflow-lifecycle.module';
import { WorkflowsModule } from './workflows/workflows.module';

/** Makes the runtime and config injectable everywhere. */
@Global()
@Module({})
class RuntimeModule {
  static forRoot(runtime: BatonRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: BATON_RUNTIME, useValue: runtime },
        { provide: BATON_CONFIG, useValue: runtime.config },
      ],
      exports: [BATON_RUNTIME, BATON_CONFIG],
    };
  }
}

/** The composition root. Which modules load depends on BATON_ROLE (api, worker or all). */
@Module({})
export class AppModule {
  static forRoot(runtime: BatonRuntime): DynamicModule {
    const { config } = runtime;
    const servesApi = config.role !== 'worker';
    const runsWorkers = config.role !== 'api';
    const adminBuilt = servesApi && existsSync(`${config.adminDir}/index.html`);
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({ url: runtime.databaseUrl, poolSize: config.dbPoolSize }),
        }),
        QueuesModule.forRoot(runtime.queue.options),
        HealthModule,
        ArtifactStorageModule,
        EngineWiringModule,
        ObservabilityModule,
        OperationsModule,
        ExecutionsModule.forRole({ servesApi, runsWorkers }),
        LiveEventsModule.forRole({ servesApi }),
        // Before the modules that start executions: they take its CreditGate.
        ...(servesApi ? [UsageModule] : []),
        ...(servesApi ? [AuthModule, WorkflowsModule] : []),
        ...(servesApi ? [NodesModule, CredentialsModule] : []),
        ...(servesApi ? [ActivitiesModule, ExecutionHistoryModule, ApprovalsModule] : []),
        ...(servesApi ? [ArtifactsModule] : []),
        // The scheduler ticks only in processes that serve the API (TriggersModule explains why).
        ...(servesApi ? [WorkflowLifecycleModule, TriggersModule.forApi()] : []),
        ...(adminBuilt ? [ServeStaticModule.forRoot({ rootPath: config.adminDir, exclude: ['/api/{*path}'] })] : []),
      ],
    };
  }
}
