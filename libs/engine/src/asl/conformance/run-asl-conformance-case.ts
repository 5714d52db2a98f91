import type { AslConformanceCase } from './asl-conformance-case.js';
import type { AslTestEngine } from './create-asl-test-engine.js';

// Longest a case may take in fake time: retries with back-off and waits fit well inside.
const MAX_FAKE_TIME_MS = 24 * 3600 * 1000;

/** Runs a case in the in-memory engine and returns what the REST API would show of the result. */
export async function runAslConformanceCase(t: AslTestEngine, testCase: AslConformanceCase, definition = testCase.definition) {
  const { executionId } = await t.engine.start({ format: 'asl', definition, input: 'input' in testCase ? testCase.input : {}, mode: 'queued' });
  await t.settle();
  for (let turn = 0; turn < 1000; turn++) {
    const { execution } = await t.snapshot(executionId);
    if (['completed', 'failed', 'cancelled'].includes(execution.status)) break;
    const next = t.clock.nextTimerAt();
    if (next === null || next - t.clock.now() > MAX_FAKE_TIME_MS) break;
    await t.advance(next - t.clock.now());
  }
  const snapshot = await t.snapshot(executionId);
  const { status, output, error, cause } = snapshot.execution;
  return { executionId, status, output, error, cause, steps: snapshot.steps };
}
