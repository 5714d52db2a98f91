import { newStepRecord, type StepRecord } from '../../execution/execution-record.js';
import { AslStepTable } from './asl-step-table.js';
import { aslStepId, childScope } from './asl-step-id.js';
import { type ContainerState, withContainer } from './container-state.js';

const entry = (scope: string, seq: number, name: string, patch: Partial<StepRecord> = {}): StepRecord => ({
  ...newStepRecord('e1', aslStepId(scope, seq, name), name),
  ...patch,
});

const container = (active: number[]): ContainerState => ({
  kind: 'map',
  attempt: 1,
  inputs: [10, 20, 30],
  concurrency: 2,
  toleratedFailureCount: null,
  toleratedFailurePercentage: null,
  nextIndex: active.length,
  active,
  failures: 0,
});

describe('AslStepTable', () => {
  it('keeps scopes in entry order and finds an entry by its seq', () => {
    const second = entry('', 2, 'B', { status: 'completed', output: 'b' });
    const first = entry('', 1, 'A', { status: 'completed', output: 'a' });
    const table = new AslStepTable([second, first]);
    expect(table.inScope('').map((s) => s.nodeId)).toEqual(['A', 'B']);
    expect(table.entry('', 1)).toBe(first);
    expect(table.entry('', 3)).toBeUndefined();
    expect(table.current('')).toBe(second);
    expect(table.rawInputOf(entry('', 3, 'C'), null)).toBe('b');
  });

  it('tracks running containers and the steps holding a slot as rows change', () => {
    const map = entry('', 1, 'M', { status: 'running', state: { container: container([0, 1]) } });
    const scope0 = childScope(map.stepId, 1, 0);
    const iteration = entry(scope0, 1, 'Echo', { status: 'pending', queued: true });
    const table = new AslStepTable([map, iteration]);
    expect(table.runningContainers()).toEqual([map]);
    expect(table.busyCount()).toBe(1);
    expect(table.rawInputOf(iteration, null)).toBe(10);
    const done = { ...iteration, status: 'completed' as const, queued: false, handles: [] };
    table.sync([map, done]);
    expect(table.busyCount()).toBe(0);
    table.sync([{ ...map, status: 'completed' as const }, done]);
    expect(table.runningContainers()).toEqual([]);
  });

  it("reads an iteration's input from the container's items, apart from its progress", () => {
    const { inputs, ...progress } = container([0]);
    const started = withContainer(entry('', 1, 'M', { status: 'running' }), container([0]));
    expect(started.items).toEqual(inputs);
    expect(started.state).toEqual({ container: progress });
    const iteration = entry(childScope(started.stepId, 1, 2), 1, 'Echo');
    expect(new AslStepTable([started, iteration]).rawInputOf(iteration, null)).toBe(30);
  });

  it('drops what a user set but the journal never committed on the next sync', () => {
    const first = entry('', 1, 'A', { status: 'completed', handles: ['B'] });
    const rows = [first];
    const table = new AslStepTable(rows);
    const planned = entry('', 2, 'B', { status: 'pending', queued: true });
    table.set(planned);
    table.set({ ...first, status: 'failed' });
    expect(table.changed()).toHaveLength(2);
    expect(table.busyCount()).toBe(1);
    // The unit of work rolled back: the next one loads the same rows.
    table.sync(rows);
    expect(table.get(planned.stepId)).toBeUndefined();
    expect(table.get(first.stepId)).toBe(first);
    expect(table.inScope('')).toEqual([first]);
    expect(table.busyCount()).toBe(0);
    expect(table.changed()).toEqual([]);
  });

  it('takes committed rows in by position and re-reads a list in another order', () => {
    const a = entry('', 1, 'A', { status: 'completed', handles: ['B'] });
    const table = new AslStepTable([a]);
    const b = entry('', 2, 'B', { status: 'running' });
    table.set(b);
    const committed = Object.freeze({ ...b });
    table.sync([a, committed]);
    expect(table.get(b.stepId)).toBe(committed);
    expect(table.busyCount()).toBe(1);
    table.sync([committed, a]);
    expect(table.inScope('')).toEqual([a, committed]);
    expect(table.busyCount()).toBe(1);
  });
});
