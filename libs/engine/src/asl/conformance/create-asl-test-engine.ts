import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { GraphInterpreter } from '../../graph/graph-interpreter.js';
import { NodeRegistry } from '../../nodes/node-registry.js';
import type { AnyNodeType } from '../../nodes/node-type.js';
import { InProcessStepScheduler } from '../../scheduling/in-process-step-scheduler.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { InMemoryExecutionStore } from '../../testing/in-memory-execution-store.js';
import { RecordingEventSink } from '../../testing/recording-event-sink.js';
import { SequentialIdGenerator } from '../../testing/sequential-id-generator.js';
import { InMemoryTaskTokenStore } from '../../testing/in-memory-task-token-store.js';
import { AslInterpreter } from '../asl-interpreter.js';

/** Like `createTestEngine`, with the ASL interpreter beside the graph one. Time moves only through `advance`. */
export function createAslTestEngine(options: { nodeTypes?: AnyNodeType[]; random?: () => number; lambdaEndpoint?: string } = {}) {
  const registry = new NodeRegistry(options.nodeTypes ?? []);
  const clock = new FakeClock();
  const store = new InMemoryExecutionStore();
  const events = new RecordingEventSink();
  const scheduleErrors: unknown[] = [];
  const taskTokens = new InMemoryTaskTokenStore();
  const scheduler = new InProcessStepScheduler(clock, (error) => scheduleErrors.push(error));
  const engine = new WorkflowEngine({
    store,
    events,
    clock,
    scheduler,
    ids: new SequentialIdGenerator(),
    random: options.random ?? (() => 0.5),
    interpreters: [new AslInterpreter(registry, { lambdaEndpoint: options.lambdaEndpoint ?? null, taskTokens }), new GraphInterpreter(registry)],
  });
  scheduler.attach((job) => engine.runStep(job));
  const settle = () => scheduler.whenQuiet();
  return {
    engine,
    store,
    events,
    clock,
    taskTokens,
    scheduleErrors,
    settle,
    /** Fires every timer due within `ms`, letting each one's work finish before the next. */
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
    async snapshot(executionId: string) {
      const snapshot = await store.findExecution(executionId);
      if (!snapshot) throw new Error(`no execution ${executionId}`);
      return snapshot;
    },
  };
}

export type AslTestEngine = ReturnType<typeof createAslTestEngine>;
