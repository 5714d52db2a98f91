import type { ExecutionDurability } from '../execution/execution-record.js';

// A state machine's `Type` as AWS exports it: Express workflows keep no per-step history,
// which is what Baton's express durability does; Standard ones journal every transition.
const ASL_TYPES: Record<string, ExecutionDurability> = { STANDARD: 'standard', EXPRESS: 'express' };

/** The durability a definition asks for: a graph's `settings.durability`, an ASL machine's `Type`. */
export function definitionDurability(definition: unknown): ExecutionDurability | undefined {
  const { settings, Type } = (definition ?? {}) as { settings?: { durability?: unknown }; Type?: unknown };
  const durability = settings?.durability;
  if (durability === 'express' || durability === 'standard') return durability;
  return typeof Type === 'string' && Object.hasOwn(ASL_TYPES, Type) ? ASL_TYPES[Type] : undefined;
}
