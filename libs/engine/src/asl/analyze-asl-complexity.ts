import {
  type ComplexityReport,
  IMMEDIATE_MAX_DURATION_MS,
  IMMEDIATE_MAX_NODES,
} from '../definition/analyze-complexity.js';
import { type AslState, type AslSubMachine, mapProcessorOf } from './definition/asl-definition.js';

const TASK_ESTIMATE_MS = 50;
/** `.waitForTaskToken` integrations and activity ARNs. */
const WAITS_FOR_SOMEONE = /\.waitForTaskToken$|:activity:/;
const ASSUMED_MAP_ITEMS = 10;

/** Picks `immediate` or `queued` for `auto` mode from an ASL document alone. */
export function analyzeAslComplexity(machine: AslSubMachine): ComplexityReport {
  const walk = (
    sub: AslSubMachine,
    multiplier: number,
  ): { states: number; durationMs: number; mapsAroundTasks: boolean; waits: boolean } => {
    let states = 0;
    let durationMs = 0;
    let mapsAroundTasks = false;
    let waits = false;
    for (const state of Object.values(sub.States ?? {}) as AslState[]) {
      states++;
      // Callbacks and activities wait for someone outside for as long as they take.
      if (state.Type === 'Task' && WAITS_FOR_SOMEONE.test(String(state.Resource ?? ''))) waits = true;
      if (state.Type === 'Task') durationMs += TASK_ESTIMATE_MS * multiplier;
      if (state.Type === 'Wait')
        durationMs += (typeof state.Seconds === 'number' ? state.Seconds : 60) * 1000 * multiplier;
      for (const branch of state.Branches ?? []) {
        const inner = walk(branch, multiplier);
        states += inner.states;
        durationMs += inner.durationMs;
        waits ||= inner.waits;
        mapsAroundTasks ||= inner.mapsAroundTasks;
        waits ||= inner.waits;
      }
      const processor = state.Type === 'Map' ? mapProcessorOf(state) : undefined;
      if (processor) {
        const inner = walk(processor, multiplier * ASSUMED_MAP_ITEMS);
        states += inner.states;
        durationMs += inner.durationMs;
        mapsAroundTasks ||=
          inner.mapsAroundTasks || Object.values(processor.States ?? {}).some((s) => s.Type === 'Task');
      }
    }
    return { states, durationMs, mapsAroundTasks, waits };
  };
  const { states, durationMs, mapsAroundTasks, waits } = walk(machine, 1);
  const queued = states > IMMEDIATE_MAX_NODES || durationMs > IMMEDIATE_MAX_DURATION_MS || mapsAroundTasks || waits;
  return {
    nodeCount: states,
    estimatedDurationMs: durationMs,
    hasLoopsAroundExternalCalls: mapsAroundTasks,
    waitsForPeople: waits,
    recommendedMode: queued ? 'queued' : 'immediate',
  };
}
