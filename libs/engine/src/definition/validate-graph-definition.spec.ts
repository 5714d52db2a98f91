import { describe, expect, it } from '@jest/globals';
import { NodeRegistry } from '../nodes/node-registry.js';
import { buildGraph } from '../testing/build-graph.js';
import { testNodeType } from '../testing/test-node-types.js';
import { validateGraphDefinition } from './validate-graph-definition.js';
import { validateGraphShape } from './validate-graph-shape.js';
import { DEFAULT_MAX_NODES } from './workspace-limits.js';

const registry = new NodeRegistry([
  testNodeType('t.start', async ({ data }) => data, { canStart: true, inputs: [] }),
  testNodeType('t.text', async () => 'x', { outputs: [{ name: 'out', dataType: 'string' }] }),
  testNodeType('t.number', async () => 1, {
    inputs: [{ name: 'in', dataType: 'number', required: true }],
    settingsSchema: {
      type: 'object',
      properties: { expression: { type: 'string', format: 'jsonata' }, n: { type: 'integer' } },
      required: ['expression'],
    },
  }),
  testNodeType('t.collect', async ({ data }) => data, { inputs: [{ name: 'in', dataType: 'any', multiple: true }] }),
  testNodeType('t.loop', async () => null, {
    kind: 'loop',
    inputs: [
      { name: 'in', dataType: 'any' },
      { name: 'next', dataType: 'any', multiple: true },
    ],
    outputs: [
      { name: 'item', dataType: 'any' },
      { name: 'done', dataType: 'array' },
    ],
  }),
]);

describe('validateGraphDefinition', () => {
  it('accepts a valid graph, including a cycle through a loop', () => {
    const definition = buildGraph(
      [
        ['s', 't.start'],
        ['each', 't.loop'],
        ['body', 't.text'],
        ['after', 't.text'],
      ],
      ['s->each', 'each:item->body', 'body->each:next', 'each:done->after'],
    );
    expect(validateGraphDefinition(definition, registry)).toEqual({ valid: true, problems: [] });
  });

  it('reports every problem at once with node and edge paths', () => {
    const definition = buildGraph(
      [
        ['s', 't.start'],
        ['typo', 't.nope'],
        ['num', 't.number', { expression: '(((', n: 1.5 }],
        ['a', 't.text'],
        ['b', 't.text'],
        ['lonely', 't.text'],
      ],
      ['s->typo', 's->a', 'a->num', 'a:bogus->b', 'b->a', 'a->b:in'],
    );
    const result = validateGraphDefinition(definition, registry, { maxNodes: 5 });
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      { path: 'nodes', message: '6 nodes exceed the workspace limit of 5' },
      { path: 'nodes[1].type', message: 'unknown node type "t.nope"', nodeId: 'typo' },
      {
        path: 'nodes[2].data.inputs.expression',
        message: expect.stringContaining('invalid expression'),
        nodeId: 'num',
      },
      { path: 'nodes[2].data.inputs.n', message: 'must be an integer', nodeId: 'num' },
      { path: 'edges[2]', message: 'handle types do not match: "out" gives string, "in" takes number', edgeId: 'e3' },
      { path: 'edges[3].sourceHandle', message: 't.text has no output handle "bogus"', edgeId: 'e4' },
      { path: 'edges[4].targetHandle', message: 'input "in" of a accepts one edge; use flow.merge', edgeId: 'e5' },
      { path: 'edges[5].targetHandle', message: 'input "in" of b accepts one edge; use flow.merge', edgeId: 'e6' },
      { path: 'nodes[5]', message: 'node "lonely" is not reachable from a start node', nodeId: 'lonely' },
      { path: 'edges[3]', message: expect.stringContaining('closes a cycle'), edgeId: 'e4' },
      { path: 'edges[4]', message: expect.stringContaining('closes a cycle'), edgeId: 'e5' },
      { path: 'edges[5]', message: expect.stringContaining('closes a cycle'), edgeId: 'e6' },
    ]);
  });

  it('reports a missing required input handle and setting', () => {
    const definition = buildGraph(
      [
        ['s', 't.start'],
        ['num', 't.number'],
      ],
      [],
    );
    const problems = validateGraphDefinition(definition, registry).problems.map((p) => p.path);
    expect(problems).toEqual(['nodes[1].data.inputs.expression', 'nodes[1].handles.in', 'nodes[1]']);
  });

  it('refuses edges into a loop body from after the loop', () => {
    const definition = buildGraph(
      [
        ['s', 't.start'],
        ['each', 't.loop'],
        ['body', 't.text'],
        ['shared', 't.collect'],
        ['after', 't.text'],
      ],
      ['s->each', 'each:item->body', 'body->shared', 'each:done->after', 'after->shared', 's->body:next'],
    );
    expect(validateGraphDefinition(definition, registry).problems).toEqual([
      { path: 'edges[5].targetHandle', message: 't.text has no input handle "next"', edgeId: 'e6' },
      { path: 'edges[4]', message: 'edge enters the body of loop "each" from after the loop', edgeId: 'e5' },
    ]);
  });
});

// One fault per case: each check the issue names, located by node or edge id.
describe('validateGraphDefinition: each check on its own', () => {
  const problemsOf = (nodes: Parameters<typeof buildGraph>[0], edges: string[], maxNodes?: number) =>
    validateGraphDefinition(buildGraph(nodes, edges), registry, { maxNodes }).problems;

  it('unknown node type', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['x', 't.nope'],
        ],
        ['s->x'],
      ),
    ).toEqual([{ path: 'nodes[1].type', message: 'unknown node type "t.nope"', nodeId: 'x' }]);
  });

  it('missing required input (a setting)', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['num', 't.number'],
        ],
        ['s->num'],
      ),
    ).toEqual([
      { path: 'nodes[1].data.inputs.expression', message: 'missing required input "expression"', nodeId: 'num' },
    ]);
  });

  it('missing required input (an unconnected required handle)', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['num', 't.number', { expression: '1' }],
        ],
        [],
      ),
    ).toEqual([
      { path: 'nodes[1].handles.in', message: 'missing required input "in"', nodeId: 'num' },
      { path: 'nodes[1]', message: 'node "num" is not reachable from a start node', nodeId: 'num' },
    ]);
  });

  it('edge to a handle that does not exist, on either end', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['a', 't.text'],
          ['b', 't.text'],
        ],
        ['s->a:nowhere', 's:nothing->b'],
      ),
    ).toEqual([
      { path: 'edges[0].targetHandle', message: 't.text has no input handle "nowhere"', edgeId: 'e1' },
      { path: 'edges[1].sourceHandle', message: 't.start has no output handle "nothing"', edgeId: 'e2' },
    ]);
  });

  it('handle data types that do not match', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['a', 't.text'],
          ['num', 't.number', { expression: '1' }],
        ],
        ['s->a', 'a->num'],
      ),
    ).toEqual([
      { path: 'edges[1]', message: 'handle types do not match: "out" gives string, "in" takes number', edgeId: 'e2' },
    ]);
  });

  it('node not reachable from a start node, and a graph with no start node at all', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['a', 't.text'],
          ['island', 't.text'],
        ],
        ['s->a'],
      ),
    ).toEqual([{ path: 'nodes[2]', message: 'node "island" is not reachable from a start node', nodeId: 'island' }]);
    expect(problemsOf([['a', 't.text']], [])).toEqual([
      { path: 'nodes', message: 'no start node: add a node that can start a workflow (e.g. trigger.manual)' },
    ]);
  });

  it("cycle that is not through a loop construct (a cycle through a loop's next handle is fine)", () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['a', 't.collect'],
          ['b', 't.text'],
        ],
        ['s->a', 'a->b', 'b->a'],
      ),
    ).toEqual([
      {
        path: 'edges[1]',
        message: 'edge a -> b closes a cycle that does not go through a loop\'s "next" handle',
        edgeId: 'e2',
      },
      {
        path: 'edges[2]',
        message: 'edge b -> a closes a cycle that does not go through a loop\'s "next" handle',
        edgeId: 'e3',
      },
    ]);
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['each', 't.loop'],
          ['body', 't.text'],
        ],
        ['s->each', 'each:item->body', 'body->each:next'],
      ),
    ).toEqual([]);
  });

  it('engine policies beside the settings: retry, timeoutMs, onError', () => {
    const graph = buildGraph(
      [
        ['s', 't.start'],
        ['a', 't.text'],
      ],
      ['s->a'],
    );
    graph.nodes[1].data = {
      ...graph.nodes[1].data,
      timeoutMs: 0,
      onError: 'ignore' as never,
      retry: { maxAttempts: 2.5, backoffRate: 0.5, jitter: 'some' as never, tries: 3 } as never,
    };
    expect(validateGraphDefinition(graph, registry).problems).toEqual([
      {
        path: 'nodes[1].data.timeoutMs',
        message: 'must be an integer number of milliseconds between 1 and 2678400000',
        nodeId: 'a',
      },
      { path: 'nodes[1].data.onError', message: 'must be one of fail, continue, error-handle', nodeId: 'a' },
      { path: 'nodes[1].data.retry.maxAttempts', message: 'must be an integer between 1 and 100', nodeId: 'a' },
      { path: 'nodes[1].data.retry.backoffRate', message: 'must be a number between 1 and 100', nodeId: 'a' },
      { path: 'nodes[1].data.retry.jitter', message: 'must be "none" or "full"', nodeId: 'a' },
      {
        path: 'nodes[1].data.retry.tries',
        message: 'unknown retry field (allowed: maxAttempts, initialIntervalMs, backoffRate, maxDelayMs, jitter)',
        nodeId: 'a',
      },
    ]);
    graph.nodes[1].data = {
      ...graph.nodes[1].data,
      timeoutMs: 500,
      onError: 'continue',
      retry: { maxAttempts: 3, backoffRate: 1.5, jitter: 'full' },
    };
    expect(validateGraphDefinition(graph, registry).problems).toEqual([]);
  });

  it('more nodes than the workspace limit, with a default limit when none is configured', () => {
    expect(
      problemsOf(
        [
          ['s', 't.start'],
          ['a', 't.text'],
          ['b', 't.text'],
        ],
        ['s->a', 'a->b'],
        2,
      ),
    ).toEqual([{ path: 'nodes', message: '3 nodes exceed the workspace limit of 2' }]);
    const ids = Array.from({ length: DEFAULT_MAX_NODES + 1 }, (_, i) => `n${i}`);
    const chain = ids.slice(1).map((id, i) => `${ids[i]}->${id}`);
    const nodes = ids.map((id, i): [string, string] => [id, i === 0 ? 't.start' : 't.collect']);
    expect(problemsOf(nodes, chain)).toEqual([
      { path: 'nodes', message: `${DEFAULT_MAX_NODES + 1} nodes exceed the workspace limit of ${DEFAULT_MAX_NODES}` },
    ]);
    expect(problemsOf(nodes.slice(0, DEFAULT_MAX_NODES), chain.slice(0, DEFAULT_MAX_NODES - 1))).toEqual([]);
  });
});

describe('validateGraphShape', () => {
  it('reports structural problems of untrusted JSON', () => {
    expect(validateGraphShape(null)).toEqual([{ path: '', message: 'definition must be an object' }]);
    expect(validateGraphShape({ nodes: {}, edges: [] })).toEqual([
      { path: 'nodes', message: 'nodes must be an array' },
    ]);
    const problems = validateGraphShape({
      nodes: [
        { id: 'a', type: 'x', data: {} },
        { id: 'a', type: 'x', data: {} },
        { id: 'b.c', data: [] },
      ],
      edges: [
        { id: 'e', source: 'a', target: 'zz' },
        { id: 'e', source: 'a', target: 'a', sourceHandle: 3 },
      ],
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'nodes[1].id: duplicate node id "a"',
      'nodes[2].id: id must be 1-64 letters, digits, "_" or "-"',
      'nodes[2].type: type must be a string',
      'nodes[2].data: data must be an object',
      'edges[0].target: target "zz" is not a node',
      'edges[1].id: duplicate edge id "e"',
      'edges[1].sourceHandle: sourceHandle must be a string',
    ]);
  });
});
