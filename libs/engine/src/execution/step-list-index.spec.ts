import { newStepRecord, type StepRecord } from './execution-record.js';
import { StepListIndex, writeInPlace } from './step-list-index.js';

const step = (id: string, status: StepRecord['status'] = 'pending'): StepRecord => ({
  ...newStepRecord('e1', id, id),
  status,
});

describe('StepListIndex', () => {
  it('reports only the replaced and appended positions of a list in the order it knows', () => {
    const index = new StepListIndex();
    const a = step('a');
    const b = step('b');
    expect(index.sync([a, b])).toEqual({ rebuilt: false, changed: [0, 1] });
    const b2 = step('b', 'completed');
    const c = step('c');
    expect(index.sync([a, b2, c])).toEqual({ rebuilt: false, changed: [1, 2] });
    expect(index.get('b')).toBe(b2);
    expect(index.positionOf('c')).toBe(2);
    expect(index.get('missing')).toBeUndefined();
  });

  it('re-reads a list whose order or length it does not know', () => {
    const index = new StepListIndex();
    const [a, b, c] = [step('a'), step('b'), step('c')];
    index.sync([a, b, c]);
    expect(index.sync([b, a, c])).toEqual({ rebuilt: true });
    expect(index.positionOf('a')).toBe(1);
    expect(index.sync([c])).toEqual({ rebuilt: true });
    expect(index.get('a')).toBeUndefined();
    expect(index.get('c')).toBe(c);
    // An id that appears again further down is a different list, not an append.
    expect(index.sync([c, step('c')])).toEqual({ rebuilt: true });
  });

  it('does nothing for the list it already holds', () => {
    const index = new StepListIndex();
    const list = [step('a')];
    index.sync(list);
    expect(index.sync(list)).toEqual({ rebuilt: false, changed: [] });
  });

  it('follows a list its owner writes in place by the log of those writes', () => {
    const index = new StepListIndex();
    const working = [step('a'), step('b')];
    index.sync(working);
    expect(index.sync(working)).toEqual({ rebuilt: false, changed: [] });
    const b2 = step('b', 'completed');
    writeInPlace(working, 1, b2);
    writeInPlace(working, 2, step('c'));
    expect(index.sync(working)).toEqual({ rebuilt: false, changed: [1, 2] });
    expect(index.get('b')).toBe(b2);
    expect(index.positionOf('c')).toBe(2);
    expect(index.sync(working)).toEqual({ rebuilt: false, changed: [] });
    // Another index meeting the list for the first time reads it by position, then follows its log.
    const other = new StepListIndex();
    expect(other.sync(working)).toEqual({ rebuilt: false, changed: [0, 1, 2] });
    writeInPlace(working, 0, step('a', 'failed'));
    expect(other.sync(working)).toEqual({ rebuilt: false, changed: [0] });
  });

  it('takes in what was written into the previous list after it last looked, when a new list shares those rows', () => {
    const index = new StepListIndex();
    const working = [step('a')];
    index.sync(working);
    const b = step('b');
    writeInPlace(working, 1, b);
    // The next unit of work loads the committed rows: the same objects, in a new list.
    expect(index.sync([working[0], b])).toEqual({ rebuilt: false, changed: [1] });
    expect(index.get('b')).toBe(b);
  });
});
