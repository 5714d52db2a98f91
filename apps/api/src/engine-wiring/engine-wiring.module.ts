import { Global, Module } from '@nestjs/common';
import {
  configureExpressionLimits,
  configureFanOutLimits,
  createGuardedFetch,
  AslInterpreter,
  Clock,
  EventSink,
  ExecutionStore,
  GraphInterpreter,
  IdGenerator,
  InProcessStepScheduler,
  NodeRegistry,
  RandomIdGenerator,
  StepScheduler,
  SystemClock,
  WorkflowEngine,
} from '@baton/engine';
import { createDefaultNodeRegistry } from '@baton/nodes';
import { TaskTokenRepository, TypeOrmExecutionStore } from '@baton/persistence';
import { BATON_CONFIG } from '../config/baton-config.token';
import type { BatonConfig } from '../config/baton-config';
import { DataSource } from 'typeorm';
import { BullmqStepScheduler } from './bullmq-step.scheduler';
import { LiveEventSink } from './live-event.sink';
import { LocalEventSink } from './local-event.sink';
import { createNestNodeLogger } from './nest-node-logger';

/** The one place engine ports meet persistence, BullMQ and the live event feed (STYLE.md §2). */
@Global()
@Module({
  providers: [
    { provide: NodeRegistry, useFactory: () => createDefaultNodeRegistry() },
    {
      provide: ExecutionStore,
      useFactory: (dataSource: DataSource) => new TypeOrmExecutionStore(dataSource),
      inject: [DataSource],
    },
    { provide: StepScheduler, useClass: BullmqStepScheduler },
    LocalEventSink,
    LiveEventSink,
    { provide: EventSink, useExisting: LiveEventSink },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: RandomIdGenerator },
    {
      provide: TaskTokenRepository,
      useFactory: (dataSource: DataSource) => new TaskTokenRepository(dataSource),
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
      ) => {
        const logger = createNestNodeLogger('Engine');
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
          services: { fetch: createGuardedFetch(config.outboundHttp) },
        });
        immediateScheduler.attach((job) => engine.runStep(job));
        return engine;
      },
    },
  ],
  exports: [WorkflowEngine, ExecutionStore, NodeRegistry, LocalEventSink, StepScheduler, TaskTokenRepository],
})
export class EngineWiringModule {}
