import { Global, Module } from '@nestjs/common';
import {
  Clock,
  EventSink,
  ExecutionStore,
  GraphInterpreter,
  IdGenerator,
  NodeRegistry,
  RandomIdGenerator,
  StepScheduler,
  SystemClock,
  WorkflowEngine,
} from '@baton/engine';
import { createDefaultNodeRegistry } from '@baton/nodes';
import { TypeOrmExecutionStore } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { BullmqStepScheduler } from './bullmq-step.scheduler';
import { LocalEventSink } from './local-event.sink';
import { createNestNodeLogger } from './nest-node-logger';

/** The one place engine ports meet persistence, BullMQ and the live event feed (STYLE.md §2). */
@Global()
@Module({
  providers: [
    { provide: NodeRegistry, useFactory: () => createDefaultNodeRegistry() },
    { provide: ExecutionStore, useFactory: (dataSource: DataSource) => new TypeOrmExecutionStore(dataSource), inject: [DataSource] },
    { provide: StepScheduler, useClass: BullmqStepScheduler },
    LocalEventSink,
    { provide: EventSink, useExisting: LocalEventSink },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: RandomIdGenerator },
    {
      provide: WorkflowEngine,
      inject: [ExecutionStore, StepScheduler, EventSink, Clock, IdGenerator, NodeRegistry],
      useFactory: (store: ExecutionStore, scheduler: StepScheduler, events: EventSink, clock: Clock, ids: IdGenerator, registry: NodeRegistry) =>
        new WorkflowEngine({
          store,
          scheduler,
          events,
          clock,
          ids,
          interpreters: [new GraphInterpreter(registry)],
          logger: createNestNodeLogger('Engine'),
        }),
    },
  ],
  exports: [WorkflowEngine, ExecutionStore, NodeRegistry, LocalEventSink, StepScheduler],
})
export class EngineWiringModule {}
