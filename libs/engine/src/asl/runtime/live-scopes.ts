import { childScope } from './asl-step-id.js';
import type { AslStepTable } from './asl-step-table.js';
import { containerStateOf } from './container-state.js';

/**
 * Scopes whose states may still move: the top level and the active branches/iterations of
 * running containers. Rows of older container attempts (before a retry or redrive) are history.
 */
export function liveScopes(table: AslStepTable): string[] {
  const scopes = [''];
  for (const step of table.runningContainers()) {
    const container = containerStateOf(step)!;
    for (const index of container.active) scopes.push(childScope(step.stepId, container.attempt, index));
  }
  return scopes;
}
