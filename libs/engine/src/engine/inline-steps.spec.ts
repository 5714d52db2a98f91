import { describe, expect, it } from '@jest/globals';
import { createAslTestEngine } from '../asl/conformance/create-asl-test-engine.js';
import type { StepJob } from '../execution/execution-record.js';
import { testNodeType } from '../testing/test-node-types.js';
import { INLINE_STEPS_PER_UNIT } from './inline-steps.js';

/** The step jobs the engine handed to its queue, in order. */
function recordJobs(t: ReturnType<typeof createAslTestEngine>): StepJob[] {
  const jobs: StepJob[] = [];
  const schedule = t.scheduler.schedule.bind(t.scheduler);
  const scheduleMany = t.scheduler.scheduleMany.bind(t.scheduler);
  t.scheduler.schedule = (job, options) => (jobs.push(job), schedule(job, options));
  t.scheduler.scheduleMany = (batch) => (jobs.push(...batch.map((entry) => entry.job)), scheduleMany(batch));
  return jobs;
}

describe('pure states run inside the unit of work that queued them', () => {
  it('journals every state as a queued run would, with queue jobs only for the Task', async () => {
    const t = createAslTestEngine({
      nodeTypes: [testNodeType('test.double', async (input) => (input.data as number) * 2)],
    });
    const jobs = recordJobs(t);
    const { executionId } = await t.engine.start({
      format: 'asl',
      definition: {
        StartAt: 'First',
        States: {
          First: { Type: 'Pass', Result: 21, Next: 'Double' },
          Double: { Type: 'Task', Resource: 'baton:test.double', Next: 'Check' },
          Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 42, Next: 'Done' }], Default: 'Wrong' },
          Wrong: { Type: 'Fail', Error: 'Wrong' },
          Done: { Type: 'Succeed' },
        },
      },
      input: {},
      mode: 'queued',
    });
    await t.settle();
    const { execution, steps } = await t.snapshot(executionId);
    expect(execution).toMatchObject({ status: 'completed', output: 42 });
    expect(steps.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([
      ['First', 'completed', 1],
      ['Double', 'completed', 1],
      ['Check', 'completed', 1],
      ['Done', 'completed', 1],
    ]);
    const events = await t.store.findEvents(executionId);
    expect(events.map((e) => `${e.type}${e.stepId ? ` ${e.stepId}` : ''}`)).toEqual([
      'started',
      'step_started 1.First',
      'step_completed 1.First',
      'step_started 2.Double',
      'step_completed 2.Double',
      'step_started 3.Check',
      'step_completed 3.Check',
      'step_started 4.Done',
      'step_completed 4.Done',
      'completed',
    ]);
    // The queued start runs nothing in the request: its first state is a job; after that, only the Task is.
    expect(jobs.map((job) => job.stepId)).toEqual(['1.First', '2.Double']);
    expect(t.scheduleErrors).toEqual([]);
  });

  it('runs a large Pass-iterator Map in bounded units of work, every item in order', async () => {
    const t = createAslTestEngine();
    const jobs = recordJobs(t);
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const { executionId } = await t.engine.start({
      format: 'asl',
      definition: {
        StartAt: 'Items',
        States: {
          Items: {
            Type: 'Map',
            MaxConcurrency: 100,
            ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      input: items,
      mode: 'queued',
    });
    await t.settle();
    const { execution, steps } = await t.snapshot(executionId);
    expect(execution).toMatchObject({ status: 'completed', output: items });
    expect(steps).toHaveLength(1001);
    // Each unit runs at most INLINE_STEPS_PER_UNIT states; what is left over goes to the queue.
    expect(jobs.length).toBeGreaterThan(1);
    expect(jobs.length).toBeLessThan(1 + items.length / 2);
    expect(INLINE_STEPS_PER_UNIT).toBeLessThan(items.length);
  });

  it('runs pure states of an immediate run inline from the start', async () => {
    const t = createAslTestEngine();
    const jobs = recordJobs(t);
    const started = await t.engine.start({
      format: 'asl',
      definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } },
      input: { x: 1 },
      mode: 'immediate',
    });
    await t.settle();
    expect((await t.snapshot(started.executionId)).execution).toMatchObject({ status: 'completed', output: { x: 1 } });
    expect(jobs).toEqual([]);
  });
});
