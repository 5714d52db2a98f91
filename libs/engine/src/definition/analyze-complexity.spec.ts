import { describe, expect, it } from '@jest/globals';
import { NodeRegistry } from '../nodes/node-registry.js';
import { buildGraph } from '../testing/build-graph.js';
import { testNodeType } from '../testing/test-node-types.js';
import { analyzeComplexity } from './analyze-complexity.js';
import { planPhases } from './plan-phases.js';

const registry = new NodeRegistry([
  testNodeType('t.start', async () => null, { canStart: true, inputs: [] }),
  testNodeType('t.step', async () => null),
  testNodeType('t.call', async () => null, { traits: { callsExternal: true, estimatedDurationMs: 1000 } }),
  testNodeType('t.approve', async () => null, { traits: { waitsForPeople: true } }),
  testNodeType('t.wait', async () => null, { startDelayMs: (s) => Number(s.ms) }),
  testNodeType('t.loop', async () => null, {
    kind: 'loop',
    outputs: [
      { name: 'item', dataType: 'any' },
      { name: 'done', dataType: 'array' },
    ],
  }),
]);

describe('planPhases', () => {
  it('orders nodes into dependency phases, ignoring loop back-edges', () => {
    const definition = buildGraph(
      [
        ['s', 't.start'],
        ['a', 't.step'],
        ['b', 't.step'],
        ['c', 't.step'],
        ['each', 't.loop'],
        ['body', 't.step'],
      ],
      ['s->a', 's->b', 'a->c', 'b->c', 'c->each', 'each:item->body', 'body->each:next'],
    );
    expect(planPhases(definition, registry)).toEqual([['s'], ['a', 'b'], ['c'], ['each'], ['body']]);
  });
});

describe('analyzeComplexity', () => {
  it('recommends immediate for a short, small graph', () => {
    const report = analyzeComplexity(
      buildGraph(
        [
          ['s', 't.start'],
          ['a', 't.call'],
        ],
        ['s->a'],
      ),
      registry,
    );
    expect(report).toEqual({
      nodeCount: 2,
      estimatedDurationMs: 1005,
      hasLoopsAroundExternalCalls: false,
      waitsForPeople: false,
      recommendedMode: 'immediate',
    });
  });

  it.each([
    [
      'more than 10 nodes',
      buildGraph(
        [['s', 't.start'], ...Array.from({ length: 10 }, (_, i) => [`n${i}`, 't.step'] as [string, string])],
        Array.from({ length: 10 }, (_, i) => `s->n${i}`),
      ),
    ],
    [
      'a long delay',
      buildGraph(
        [
          ['s', 't.start'],
          ['w', 't.wait', { ms: 60_000 }],
        ],
        ['s->w'],
      ),
    ],
    [
      'a loop around an external call',
      buildGraph(
        [
          ['s', 't.start'],
          ['each', 't.loop'],
          ['c', 't.call'],
        ],
        ['s->each', 'each:item->c', 'c->each:next'],
      ),
    ],
    [
      'a step waiting for people',
      buildGraph(
        [
          ['s', 't.start'],
          ['ok', 't.approve'],
        ],
        ['s->ok'],
      ),
    ],
  ])('recommends queued for %s', (_, definition) => {
    expect(analyzeComplexity(definition, registry).recommendedMode).toBe('queued');
  });
});
