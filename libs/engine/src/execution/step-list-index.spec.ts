import { newStepRecord, type StepRecord } from './execution-record.js';
import { StepListIndex } from './step-list-index.js';

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
});
