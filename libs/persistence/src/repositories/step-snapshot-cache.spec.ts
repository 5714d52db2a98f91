import { newStepRecord, type StepRecord } from '@baton/engine';
import { StepSnapshotCache } from './step-snapshot-cache';

const step = (id: string, status: StepRecord['status'] = 'pending'): StepRecord => ({
  ...newStepRecord('e1', id, id),
  status,
});

describe('StepSnapshotCache', () => {
  it('hands out lists in a stable order and never changes a list it handed out', () => {
    const cache = new StepSnapshotCache();
    const first = cache.advance(
      'e1',
      1,
      [
        { step: step('a'), revision: 1 },
        { step: step('b'), revision: 1 },
      ],
      true,
    )!;
    expect(first.map((s) => s.stepId)).toEqual(['a', 'b']);
    cache.committed('e1', 2, [step('a', 'completed'), step('c')]);
    expect(first.map((s) => s.status)).toEqual(['pending', 'pending']);
    const second = cache.advance('e1', 2, [], false)!;
    expect(second.map((s) => [s.stepId, s.status])).toEqual([
      ['a', 'completed'],
      ['b', 'pending'],
      ['c', 'pending'],
    ]);
    // Rows are frozen and shared: an unchanged row is the same object in both lists.
    expect(second[1]).toBe(first[1]);
    expect(Object.isFrozen(second[0])).toBe(true);
    expect(cache.revisionOf('e1')).toBe(2);
  });

  it('never puts an older row over a newer one', () => {
    const cache = new StepSnapshotCache();
    cache.advance('e1', 3, [{ step: step('a', 'completed'), revision: 3 }], true);
    const list = cache.advance('e1', 3, [{ step: step('a', 'running'), revision: 2 }], false)!;
    expect(list[0].status).toBe('completed');
  });

  it('asks for a full read when the entry it had a delta for was evicted', () => {
    const cache = new StepSnapshotCache(1);
    cache.advance('e1', 1, [{ step: step('a'), revision: 1 }], true);
    cache.advance('e2', 1, [{ step: step('a'), revision: 1 }], true);
    expect(cache.revisionOf('e1')).toBeNull();
    expect(cache.advance('e1', 2, [], false)).toBeNull();
  });
});
