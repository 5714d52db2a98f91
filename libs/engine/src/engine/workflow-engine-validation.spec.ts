import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

describe('WorkflowEngine.validateDefinition', () => {
  const { engine } = createTestEngine({ nodeTypes: scenarioNodeTypes().nodeTypes, maxNodes: 3 });

  it('delegates to the interpreter of the format, with the engine node limit', () => {
    const valid = buildGraph(
      [
        ['s', 'test.start'],
        ['a', 'test.add'],
      ],
      ['s->a'],
    );
    expect(engine.validateDefinition('graph', valid)).toEqual({ valid: true, problems: [] });
    const tooBig = buildGraph(
      [
        ['s', 'test.start'],
        ['a', 'test.add'],
        ['b', 'test.add'],
        ['c', 'nope.nope'],
      ],
      ['s->a', 'a->b', 'b->c'],
    );
    expect(engine.validateDefinition('graph', tooBig)).toEqual({
      valid: false,
      problems: [
        { path: 'nodes', message: '4 nodes exceed the workspace limit of 3' },
        { path: 'nodes[3].type', message: 'unknown node type "nope.nope"', nodeId: 'c' },
      ],
    });
  });

  it('reports a format without an interpreter as a problem at `format`', () => {
    expect(engine.supportsFormat('graph')).toBe(true);
    expect(engine.supportsFormat('bpmn')).toBe(false);
    expect(engine.validateDefinition('bpmn', {})).toEqual({
      valid: false,
      problems: [{ path: 'format', message: 'unsupported workflow format "bpmn" (this engine runs "graph")' }],
    });
  });
});
