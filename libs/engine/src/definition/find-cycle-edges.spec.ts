import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../testing/build-graph.js';
import { findCycleEdges } from './find-cycle-edges.js';

const cycleEdgeIds = (nodes: string[], edges: string[]) => {
  const graph = buildGraph(
    nodes.map((id) => [id, 't']),
    edges,
  );
  return findCycleEdges(nodes, graph.edges).map((edge) => `${edge.source}->${edge.target}`);
};

describe('findCycleEdges', () => {
  it('finds no cycle in a diamond', () => {
    expect(cycleEdgeIds(['a', 'b', 'c', 'd'], ['a->b', 'a->c', 'b->d', 'c->d'])).toEqual([]);
  });

  it('returns exactly the edges on a cycle, including a self-edge', () => {
    expect(cycleEdgeIds(['a', 'b', 'c', 'd', 'e'], ['a->b', 'b->c', 'c->b', 'c->d', 'd->d', 'a->e'])).toEqual([
      'b->c',
      'c->b',
      'd->d',
    ]);
  });

  it('treats two cycles joined by a one-way edge as separate', () => {
    expect(cycleEdgeIds(['a', 'b', 'c', 'd'], ['a->b', 'b->a', 'b->c', 'c->d', 'd->c'])).toEqual([
      'a->b',
      'b->a',
      'c->d',
      'd->c',
    ]);
  });

  it('handles a chain far longer than the call stack would allow recursively', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => `${ids[i]}->${id}`);
    expect(cycleEdgeIds(ids, edges)).toEqual([]);
    expect(cycleEdgeIds(ids, [...edges, `n49999->n0`])).toHaveLength(50_000);
  });
});
