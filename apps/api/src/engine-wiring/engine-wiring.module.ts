import { Global, Module } from '@nestjs/common';
import {
  APPROVALS_SERVICE,
  ApprovalRequests,
  configureExpressionLimits,
  configureFanOutLimits,
  createGuardedFetch,
  ArtifactStore,
  AslInterpreter,
  CHILD_EXECUTIONS_SERVICE,
  ChildExecutions,
  Clock,
  EventSink,
  ExecutionStore,
  GraphInterpreter,
  IdGenerator,
  InProcessStepScheduler,
  isTerminalStatus,
  NodeRegistry,
  RandomIdGenerator,
  StepScheduler,
  SystemClock,
  WorkflowEngine,
} from '@baton/engine';
import { BrowserSessions, createGuardedHostResolver, defaultNodeTypes } from '@baton/nodes';
import {
  ChildExecutionRepository,
  ChildWorkflowRepository,
  CredentialRepository,
  StepLogRepository,
  TaskTokenRepository,
  TypeOrmExecutionStore,
} from '@baton/persistence';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { BATON_CONFIG } from '../config/baton-config.token';
import { bindNodeArtifacts } from '../artifacts/bind-node-artifacts';
import { publicArtifactLinks } from '../artifacts/public-artifact-links';
import { bindNodeCredentials } from '../credentials/bind-node-credentials';
import { CredentialSealer } from '../credentials/credential-sealer';
import { CredentialVault } from '../credentials/credential-vault';
import type { BatonConfig } from '../config/baton-config';
import { DataSource } from 'typeorm';
import { bindStepLogs } from '../executions/step-logs/bind-step-logs';
import { BrowserSessionsShutdown } from './browser-sessions.shutdown';
import { BullmqStepScheduler } from './bullmq-step.scheduler';
import { LiveEventSink } from './live-event.sink';
import { LocalEventSink } from './local-event.sink';
import { createStructuredNodeLogger } from '../observability/logging/structured-node-logger';
import type { ExecutionTracing } from '../observability/tracing/create-execution-tracer';
import {
  EXECUTION_TRACING,
  ExecutionTracingShutdown,
  executionTracingProvider,
} from '../observability/tracing/execution-tracing.provider';

/** The one place engine ports meet persistence, BullMQ and the live event feed (STYLE.md §2). */
@Global()
@Module({
  providers: [
    {
      provide: CredentialVault,
      useFactory: (dataSource: DataSource, runtime: BatonRuntime) =>
        new CredentialVault(
          new CredentialRepository(dataSource),
          CredentialSealer.forKeys(runtime.encryptionKey, runtime.config.encryptionKeyPrevious),
        ),
      inject: [DataSource, BATON_RUNTIME],
    },
    {
      // Every node type gets `ctx.credentials` and has the secrets it reads redacted from its
      // result, errors and logs (bind-node-credentials.ts), without the engine knowing of a vault.
      // Outside that, what each attempt logs (already redacted) is kept in step_logs (bind-step-logs.ts).
      provide: NodeRegistry,
      useFactory: (
        vault: CredentialVault,
        stepLogs: StepLogRepository,
        artifacts: ArtifactStore,
        runtime: BatonRuntime,
      ) => {
        const logger = createStructuredNodeLogger('StepLogs');
        const publicLink = publicArtifactLinks(runtime);
        return new NodeRegistry(
          defaultNodeTypes.map((nodeType) =>
            bindStepLogs(
              // ctx.artifacts stores files the step produces (apps/api/src/artifacts).
              bindNodeCredentials(bindNodeArtifacts(nodeType, artifacts, publicLink), vault),
              (lines) => stepLogs.append(lines),
              (error) => logger.warn('step log lines could not be stored', { error: String(error) }),
            ),
          ),
        );
      },
      inject: [CredentialVault, StepLogRepository, ArtifactStore, BATON_RUNTIME],
    },
    {
      provide: StepLogRepository,
      useFactory: (dataSource: DataSource) => new StepLogRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: ExecutionStore,
      useFactory: (dataSource: DataSource) => new TypeOrmExecutionStore(dataSource),
      inject: [DataSource],
    },
    {
      // The browser contexts of this process's executions (libs/nodes browser/); pages obey the HTTP allow list.
      provide: BrowserSessions,
      useFactory: (config: BatonConfig) =>
        new BrowserSessions({
          chromiumPath: config.browser.chromiumPath,
          poolSize: config.browser.poolSize,
          resolveHost: createGuardedHostResolver(config.outboundHttp.allowHosts),
        }),
      inject: [BATON_CONFIG],
    },
    BrowserSessionsShutdown,
    { provide: StepScheduler, useClass: BullmqStepScheduler },
    LocalEventSink,
    LiveEventSink,
    { provide: EventSink, useExisting: LiveEventSink },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: RandomIdGenerator },
    executionTracingProvider,
    ExecutionTracingShutdown,
    {
      provide: TaskTokenRepository,
      useFactory: (dataSource: DataSource) => new TaskTokenRepository(dataSource),
      inject: [DataSource],
    },
    {
      // flow.approval's single-use links; tokens are kept hashed beside the ASL task tokens.
      provide: ApprovalRequests,
      useFactory: (taskTokens: TaskTokenRepository, config: BatonConfig) =>
        new ApprovalRequests(taskTokens, {
          baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
          findToken: (tokenHash) => taskTokens.findToken(tokenHash),
        }),
      inject: [TaskTokenRepository, BATON_CONFIG],
    },
    {
      // Sub-workflows and states:startExecution: child executions of saved workflows (child-executions.ts);
      // the recovery sweep finishes what a lost end hook left undone.
      provide: ChildExecutions,
      useFactory: (dataSource: DataSource) =>
        new ChildExecutions(
          new ChildWorkflowRepository(dataSource),
          createStructuredNodeLogger('ChildExecutions'),
          new ChildExecutionRepository(dataSource),
        ),
      inject: [DataSource],
    },
    {
      provide: WorkflowEngine,
      inject: [
        ExecutionStore,
        StepScheduler,
        EventSink,
        Clock,
        IdGenerator,
        NodeRegistry,
        TaskTokenRepository,
        BATON_CONFIG,
        CredentialVault,
        BrowserSessions,
        EXECUTION_TRACING,
        ChildExecutions,
        ApprovalRequests,
      ],
      useFactory: (
        store: ExecutionStore,
        scheduler: StepScheduler,
        events: EventSink,
        clock: Clock,
        ids: IdGenerator,
        registry: NodeRegistry,
        taskTokens: TaskTokenRepository,
        config: BatonConfig,
        vault: CredentialVault,
        browser: BrowserSessions,
        tracing: ExecutionTracing,
        children: ChildExecutions,
        approvals: ApprovalRequests,
      ) => {
        const logger = createStructuredNodeLogger('Engine');
        configureExpressionLimits(config.expressionLimits);
        configureFanOutLimits(config.fanOut);
        // `immediate` runs in the process that took the request (an API-only one too); long waits
        // and whatever is open when the request's wait ends move to `scheduler` (libs/engine README).
        const immediateScheduler = new InProcessStepScheduler(clock, (error, job) =>
          logger.error('in-process step job failed', { ...job, error: String(error) }),
        );
        const engine = new WorkflowEngine({
          store,
          scheduler,
          immediateScheduler,
          events,
          clock,
          ids,
          interpreters: [
            new GraphInterpreter(registry),
            new AslInterpreter(registry, { lambdaEndpoint: config.lambdaEndpoint, taskTokens }),
          ],
          logger,
          tracer: tracing.tracer,
          creditsPer1kTokens: config.creditsPer1kTokens,
          services: {
            fetch: createGuardedFetch(config.outboundHttp),
            // SMTP and other non-HTTP connections obey the same allow list as HTTP.
            resolveOutboundHost: createGuardedHostResolver(config.outboundHttp.allowHosts),
            browser,
            [CHILD_EXECUTIONS_SERVICE]: children,
            [APPROVALS_SERVICE]: approvals,
          },
          // Browser contexts of a run that ended here close at once; those of a run that ended in
          // another process close on the sessions' next sweep (the lookup below).
          // A child's end answers its waiting parent; a parent's cancel reaches its children.
          onExecutionEnd: (executionId, _status, execution) => {
            void children.onExecutionEnd(execution);
            return browser.closeExecution(executionId);
          },
        });
        immediateScheduler.attach((job) => engine.runStep(job));
        children.attach(engine);
        approvals.attach(engine);
        browser.attachExecutionLookup(async (executionId) => {
          const snapshot = await engine.findExecution(executionId);
          return snapshot !== null && !isTerminalStatus(snapshot.execution.status);
        });
        // The engine's lookup also sees express runs, which exist only in this process's memory.
        vault.attachWorkspaceLookup(async (executionId) => {
          const snapshot = await engine.findExecution(executionId);
          return snapshot?.execution.workspaceId || null;
        });
        return engine;
      },
    },
  ],
  exports: [
    WorkflowEngine,
    ExecutionStore,
    NodeRegistry,
    LocalEventSink,
    StepScheduler,
    TaskTokenRepository,
    ApprovalRequests,
    ChildExecutions,
    StepLogRepository,
    // The operations jobs (retention, failure notifications) keep time and open credentials like the engine.
    Clock,
    CredentialVault,
  ],
})
export class EngineWiringModule {}
