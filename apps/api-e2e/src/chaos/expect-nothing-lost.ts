import { expect } from '@jest/globals';
import { LOAD_MIX } from './chaos-load';
import type { ChaosTally } from './chaos-tally';

/**
 * The pass criteria on one scenario's tally: the whole mix was acknowledged, every run in
 * the database ended as its kind must, none was lost, no side effect or step happened twice, and
 * every history moves forward. Express runs cut off in flight are allowed (at-most-once).
 */
export function expectNothingLost(tally: ChaosTally, options: { expressWritesFailed?: number } = {}): void {
  const mix = Object.values(LOAD_MIX).reduce((a, b) => a + b, 0);
  expect(tally.startedStandard + tally.startedExpress).toBe(mix);
  // The fault hit runs in flight (otherwise the scenario proves less than it says).
  expect(tally.liveAtFault).toBeGreaterThan(0);
  expect({
    lost: tally.lost,
    // An express run is written once, when it ends; with the database down that write fails, the
    // process logs it, and the caller still gets its output (at-most-once, see the README).
    expressLost: Math.max(0, tally.expressLost - (options.expressWritesFailed ?? 0)),
    duplicated: tally.duplicated,
    wrongOutcomes: tally.wrongOutcomes,
    historyFaults: tally.historyFaults,
  }).toEqual({ lost: 0, expressLost: 0, duplicated: 0, wrongOutcomes: [], historyFaults: [] });
  // Every acknowledged run in the database, and every unanswered one that got there, ended.
  expect(tally.completed + tally.failed).toBe(
    tally.startedStandard + tally.startedExpress - tally.expressLost + tally.unansweredInDatabase,
  );
}
