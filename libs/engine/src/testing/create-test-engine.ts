import { WorkflowEngine, type WorkflowEngineDeps } from '../engine/workflow-engine.js';
import type { ExecutionSnapshot, StepRecord } from '../execution/execution-record.js';
import { GraphInterpreter } from '../graph/graph-interpreter.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import type { AnyNodeType } from '../nodes/node-type.js';
import type { WorkflowInterpreter } from '../engine/workflow-interpreter.js';
import { InProcessStepScheduler } from '../scheduling/in-process-step-scheduler.js';
import { FakeClock } from './fake-clock.js';
import { loopbackTestFetch } from './loopback-test-fetch.js';
import { InMemoryExecutionStore } from '../execution/in-memory-execution-store.js';
import { RecordingEventSink } from './recording-event-sink.js';
import { SequentialIdGenerator } from './sequential-id-generator.js';

export interface TestEngineOptions extends Partial<Omit<WorkflowEngineDeps, 'interpreters'>> {
  registry?: NodeRegistry;
  nodeTypes?: AnyNodeType[];
  /** Interpreters for other formats (e.g. ASL), built over the same registry; graph is always there. */
  moreInterpreters?: (registry: NodeRegistry) => WorkflowInterpreter[];
}

/**
 * A complete engine built with `new`: in-memory store, recording sink, fake clock and one
 * in-process scheduler for both modes. Time moves only through `advance`.
 */
export function createTestEngine(options: TestEngineOptions = {}) {
  const registry = options.registry ?? new NodeRegistry(options.nodeTypes ?? []);
  const clock = options.clock instanceof FakeClock ? options.clock : new FakeClock();
  // A store passed in is shared: two engines over one store stand for two processes.
  const store = options.store instanceof InMemoryExecutionStore ? options.store : new InMemoryExecutionStore();
  const events = new RecordingEventSink();
  const scheduleErrors: unknown[] = [];
  const scheduler = new InProcessStepScheduler(clock, (error) => scheduleErrors.push(error));
  const engine = new WorkflowEngine({
    store,
    events,
    clock,
    ids: new SequentialIdGenerator(),
    scheduler,
    random: () => 0.5,
    // Stub servers listen on loopback, which the production default refuses.
    services: { fetch: loopbackTestFetch() },
    ...options,
    interpreters: [new GraphInterpreter(registry), ...(options.moreInterpreters?.(registry) ?? [])],
  });
  scheduler.attach((job) => engine.runStep(job));
  const immediate = options.immediateScheduler instanceof InProcessStepScheduler ? options.immediateScheduler : null;
  immediate?.attach((job) => engine.runStep(job));

  // Quiet rather than idle: a node blocked on a gate or a fake timer must not stall the test.
  const settle = async () => {
    await scheduler.whenQuiet();
    await immediate?.whenQuiet();
    await scheduler.whenQuiet();
  };
  const harness = {
    engine,
    registry,
    store,
    events,
    clock,
    scheduler,
    /** Errors thrown by jobs (engine bugs): tests assert this stays empty. */
    scheduleErrors,
    settle,
    /** Moves the fake clock by `ms`, letting the work each timer triggers finish before the next. */
    async advance(ms: number): Promise<void> {
      const target = clock.now() + ms;
      await settle();
      for (let next = clock.nextTimerAt(); next !== null && next <= target; next = clock.nextTimerAt()) {
        clock.advanceTo(next);
        await settle();
      }
      clock.advanceTo(target);
      await settle();
    },
    async snapshot(executionId: string): Promise<ExecutionSnapshot> {
      const snapshot = await store.findExecution(executionId);
      if (!snapshot) throw new Error(`no execution ${executionId}`);
      return snapshot;
    },
    async step(executionId: string, stepId: string): Promise<StepRecord> {
      const step = (await harness.snapshot(executionId)).steps.find((s) => s.stepId === stepId);
      if (!step) throw new Error(`no step ${stepId}`);
      return step;
    },
    /** Polls (without sleeping) until `predicate` holds; fails after `maxTurns` event-loop turns. */
    async waitFor(predicate: () => boolean | Promise<boolean>, maxTurns = 10_000): Promise<void> {
      for (let turn = 0; turn < maxTurns; turn++) {
        if (await predicate()) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error('condition not reached');
    },
  };
  return harness;
}

export type TestEngine = ReturnType<typeof createTestEngine>;
