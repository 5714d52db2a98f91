import { creditCostOf, type NodeRegistry } from '@baton/engine';

/**
 * What a start reserves against a monthly credit limit: one attempt of every node (graph) or of
 * every Task state (ASL), at each node type's credit cost. Retries, loop iterations and model
 * tokens are not known before the run; its real cost replaces the estimate when it ends.
 */
export function estimateCredits(format: string, definition: unknown, registry: NodeRegistry): number {
  if (format === 'asl') return countTaskStates(definition);
  const nodes = (definition as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return 1;
  let total = 0;
  for (const node of nodes) {
    const type = (node as { type?: unknown } | null)?.type;
    const nodeType = typeof type === 'string' ? registry.find(type) : undefined;
    total += nodeType ? creditCostOf(nodeType) : 1;
  }
  return Math.round(total * 10_000) / 10_000;
}

/** Task states anywhere in the machine (Parallel branches and Map processors included). */
function countTaskStates(value: unknown, depth = 0): number {
  // Definitions are validated and bounded before a start; the depth bound only guards the walk.
  if (depth > 64 || value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countTaskStates(item, depth + 1), 0);
  const record = value as Record<string, unknown>;
  const own = record['Type'] === 'Task' ? 1 : 0;
  return Object.values(record).reduce((sum: number, item) => sum + countTaskStates(item, depth + 1), own);
}
