import type { ExecutionDurability } from '@baton/engine';
import type { WorkflowSettings } from '@baton/persistence';

/**
 * The durability a start asks the engine for: the start's own choice, else the workflow's
 * (undefined lets the engine decide: express for immediate runs). A workflow with start limits
 * always runs standard: admission counts live in the durable journal.
 */
export function durabilityFor(
  settings: Pick<WorkflowSettings, 'maxConcurrentExecutions' | 'maxStartsPerMinute' | 'durability'>,
  requested: ExecutionDurability | undefined,
): ExecutionDurability | undefined {
  if (settings.maxConcurrentExecutions !== null || settings.maxStartsPerMinute !== null) return 'standard';
  return requested ?? settings.durability ?? undefined;
}
