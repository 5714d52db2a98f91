import { newStepRecord, type StepRecord } from '../execution/execution-record.js';
import type { LoopState } from './loop-state.js';
import { StepTable } from './step-table.js';

const row = (stepId: string, patch: Partial<StepRecord> = {}): StepRecord => ({
  ...newStepRecord('e1', stepId, stepId.slice(stepId.lastIndexOf('.') + 1)),
  ...patch,
});

const loopState = (active: number[]): LoopState => ({ items: ['a', 'b', 'c'], concurrency: 2, nextIndex: 2, active });
const isLoopNode = (nodeId: string) => nodeId === 'each';
const ids = (steps: StepRecord[]) => steps.map((step) => step.stepId);

describe('StepTable', () => {
  it('indexes waiting, busy, iterating and open steps as a scan of every row would see them', () => {
    const start = row('start', { status: 'completed', handles: ['out'], output: 1 });
    const each = row('each', { status: 'running', state: { loop: loopState([0, 1]) } });
    const first = row('each[0].work', { status: 'pending', queued: true });
    const second = row('each[1].work', { status: 'running' });
    const after = row('sum');
    const table = new StepTable([start, each, first, second, after], isLoopNode);
    expect(ids(table.waiting())).toEqual(['sum']);
    // The iterating loop holds no slot; its queued and running body steps do.
    expect(table.busyCount()).toBe(2);
    expect(table.runningLoops()).toEqual([each]);
    expect(table.isFinished()).toBe(false);
    expect(table.settledIn('')).toEqual([start]);

    const done = (step: StepRecord, output: unknown) => ({
      ...step,
      status: 'completed' as const,
      handles: ['out'],
      output,
    });
    const rows = [start, done(each, ['A', 'B']), done(first, 'A'), done(second, 'B'), done(after, 'AB')];
    table.sync(rows);
    expect(table.waiting()).toEqual([]);
    expect(table.busyCount()).toBe(0);
    expect(table.runningLoops()).toEqual([]);
    expect(table.isFinished()).toBe(true);
    expect(ids(table.settledIn(''))).toEqual(['start', 'each', 'sum']);
    expect(ids(table.settledIn('each[1].'))).toEqual(['each[1].work']);
  });

  it('counts a running loop node as no slot even before it has loop state, and cancelled steps as closed', () => {
    const table = new StepTable(
      [row('each', { status: 'running' }), row('other', { status: 'cancelled' }), row('skip', { status: 'skipped' })],
      isLoopNode,
    );
    expect(table.busyCount()).toBe(0);
    expect(table.runningLoops()).toEqual([]);
    expect(table.isFinished()).toBe(false);
    table.sync([row('each', { status: 'completed', handles: ['done'] }), table.get('other')!, table.get('skip')!]);
    expect(table.isFinished()).toBe(true);
    // A skipped step shows no output to expressions.
    expect(ids(table.settledIn(''))).toEqual(['each']);
  });

  it('drops what a user set but the journal never committed on the next sync', () => {
    const a = row('a', { status: 'completed', handles: ['out'] });
    const b = row('b');
    const rows = [a, b];
    const table = new StepTable(rows, isLoopNode);
    table.set({ ...b, queued: true, attempt: 1 });
    table.set(row('each[0].work'));
    table.set({ ...a, status: 'failed', handles: null });
    expect(table.changed()).toHaveLength(3);
    expect(ids(table.waiting())).toEqual(['each[0].work']);
    expect(table.busyCount()).toBe(1);
    expect(table.settledIn('')).toEqual([]);
    // The unit of work rolled back: the next one loads the same rows.
    table.sync(rows);
    expect(table.get('each[0].work')).toBeUndefined();
    expect(table.get('a')).toBe(a);
    expect(table.waiting()).toEqual([b]);
    expect(table.busyCount()).toBe(0);
    expect(table.settledIn('')).toEqual([a]);
    expect(table.changed()).toEqual([]);
    expect(ids(table.all())).toEqual(['a', 'b']);
  });

  it('takes committed rows in by position and keeps them once the journal has them', () => {
    const a = row('a', { status: 'completed', handles: ['out'] });
    const table = new StepTable([a], isLoopNode);
    const body = row('each[0].work');
    table.set(body);
    const committed = Object.freeze({ ...body });
    table.sync([a, committed]);
    expect(table.get(body.stepId)).toBe(committed);
    expect(table.waiting()).toEqual([committed]);
    expect(table.changed()).toEqual([]);
  });

  it('hands waiting steps out in row order even when one joins again out of order', () => {
    const [a, b, c] = [row('a', { status: 'pending', queued: true }), row('b'), row('c')];
    const table = new StepTable([a, b, c], isLoopNode);
    expect(ids(table.waiting())).toEqual(['b', 'c']);
    // Redrive resets `a` to waiting: it comes first again, as it did in a scan.
    table.sync([{ ...a, queued: false }, b, c]);
    expect(ids(table.waiting())).toEqual(['a', 'b', 'c']);
  });

  it('re-reads a list in another order whole', () => {
    const [a, b] = [row('a'), row('b', { status: 'completed', handles: ['out'] })];
    const table = new StepTable([a, b], isLoopNode);
    table.set(row('c'));
    table.sync([b, a]);
    expect(ids(table.all())).toEqual(['b', 'a']);
    expect(table.waiting()).toEqual([a]);
    expect(table.changed()).toEqual([]);
  });
});
