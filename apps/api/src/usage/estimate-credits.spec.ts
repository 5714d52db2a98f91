import { describe, expect, it } from '@jest/globals';
import { NodeRegistry, testNodeType } from '@baton/engine';
import { estimateCredits } from './estimate-credits';

describe('estimateCredits', () => {
  const registry = new NodeRegistry([
    testNodeType('x.work', async () => null),
    testNodeType('x.model', async () => null, { creditCost: 3 }),
    testNodeType('x.route', async () => null, { group: 'flow' }),
  ]);

  it('adds one attempt of every graph node at its credit cost (unknown types count 1)', () => {
    const definition = {
      nodes: [{ type: 'x.work' }, { type: 'x.model@1' }, { type: 'x.route' }, { type: 'x.gone' }],
      edges: [],
    };
    expect(estimateCredits('graph', definition, registry)).toBe(1 + 3 + 0 + 1);
  });

  it('counts the Task states of an ASL machine, nested branches included', () => {
    const machine = {
      StartAt: 'a',
      States: {
        a: { Type: 'Task', Resource: 'baton:x.work', Next: 'p' },
        p: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'b', States: { b: { Type: 'Task', Resource: 'baton:x.work', End: true } } }],
          Next: 'done',
        },
        done: { Type: 'Succeed' },
      },
    };
    expect(estimateCredits('asl', machine, registry)).toBe(2);
  });
});
