import type { ExecutionDurability } from '../execution/execution-record.js';

/** `settings.durability` of a graph definition, when it names one. */
export function definitionDurability(definition: unknown): ExecutionDurability | undefined {
  const durability = (definition as { settings?: { durability?: unknown } } | null)?.settings?.durability;
  return durability === 'express' || durability === 'standard' ? durability : undefined;
}
