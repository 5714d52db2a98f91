import {
  type ComplexityReport,
  IMMEDIATE_MAX_DURATION_MS,
  IMMEDIATE_MAX_NODES,
} from '../definition/analyze-complexity.js';
import { type AslState, type AslSubMachine, mapProcessorOf } from './definition/asl-definition.js';

const TASK_ESTIMATE_MS = 50;
const ASSUMED_MAP_ITEMS = 10;

/** Picks `immediate` or `queued` for `auto` mode from an ASL document alone. */
export function analyzeAslComplexity(machine: AslSubMachine): ComplexityReport {
  const walk = (
    sub: AslSubMachine,
    multiplier: number,
  ): { states: number; durationMs: number; mapsAroundTasks: boolean } => {
    let states = 0;
    let durationMs = 0;
    let mapsAroundTasks = false;
    for (const state of Object.values(sub.States ?? {}) as AslState[]) {
      states++;
      if (state.Type === 'Task') durationMs += TASK_ESTIMATE_MS * multiplier;
      if (state.Type === 'Wait')
        durationMs += (typeof state.Seconds === 'number' ? state.Seconds : 60) * 1000 * multiplier;
      for (const branch of state.Branches ?? []) {
        const inner = walk(branch, multiplier);
        states += inner.states;
        durationMs += inner.durationMs;
        mapsAroundTasks ||= inner.mapsAroundTasks;
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
    return { states, durationMs, mapsAroundTasks };
  };
  const { states, durationMs, mapsAroundTasks } = walk(machine, 1);
  const queued = states > IMMEDIATE_MAX_NODES || durationMs > IMMEDIATE_MAX_DURATION_MS || mapsAroundTasks;
  return {
    nodeCount: states,
    estimatedDurationMs: durationMs,
    hasLoopsAroundExternalCalls: mapsAroundTasks,
    waitsForPeople: false,
    recommendedMode: queued ? 'queued' : 'immediate',
  };
}
