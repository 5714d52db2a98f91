import type { BenchRun } from './measure-baton-mode';

/** State entries (Step Functions' state transitions) of one run of the ASL machine: ASL rows divide by this. */
export const ASL_STATE_TRANSITIONS = 10;

/**
 * The ASL rows of every tier: express (immediate: the request runs every state in memory and
 * writes the run once) and standard (queued: one BullMQ job and one journal commit per state).
 */
export const ASL_RUNS: readonly BenchRun[] = [
  { mode: 'immediate', durability: 'express' },
  { mode: 'queued', durability: 'standard' },
];

const transform = (next: string) => ({
  Type: 'Task',
  Resource: 'baton:data.transform',
  Parameters: { expression: '$merge([$, { "count": count + 1 }])' },
  Next: next,
});
const check = (next: string) => ({
  Type: 'Choice',
  Choices: [{ Variable: '$.count', NumericGreaterThanEquals: 1, Next: next }],
  Default: next,
});
const tag = (next: string) => ({ Type: 'Pass', Result: true, ResultPath: '$.touched', Next: next });

/**
 * Ten states in a chain, Pass/Choice/Task(baton:data.transform), so each run is exactly ten state
 * transitions and computes the graph chain's output: `{ count: 0 }` → `{ count: 3, touched: true }`.
 */
export function aslBenchMachine() {
  return {
    Comment: 'Baton bench: 10 state transitions',
    StartAt: 'Start',
    States: {
      Start: { Type: 'Pass', Next: 'Add1' },
      Add1: transform('Check1'),
      Check1: check('Tag1'),
      Tag1: tag('Add2'),
      Add2: transform('Check2'),
      Check2: check('Tag2'),
      Tag2: tag('Add3'),
      Add3: transform('Check3'),
      Check3: check('Done'),
      Done: { Type: 'Pass', End: true },
    },
  };
}
