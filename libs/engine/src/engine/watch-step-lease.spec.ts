import { describe, expect, it } from '@jest/globals';
import { CancelledError, TimeoutError } from '../errors/engine.error.js';
import type { StepWatch } from '../ports/execution-store.port.js';
import { abortReasonOf } from './watch-step-lease.js';

const watch = (executionStatus: StepWatch['executionStatus'], executionError: string | null = null) =>
  ({ executionStatus, executionError }) satisfies StepWatch;

describe('abortReasonOf', () => {
  it('lets a step of a running or paused execution go on', () => {
    expect(abortReasonOf(watch('running'))).toBeNull();
    expect(abortReasonOf(watch('paused'))).toBeNull();
  });

  it('aborts when the attempt is no longer current or the execution was cancelled', () => {
    expect(abortReasonOf(null)).toBeInstanceOf(CancelledError);
    expect(abortReasonOf(watch('cancelled'))).toBeInstanceOf(CancelledError);
  });

  it("aborts on either format's execution deadline, keeping its error name", () => {
    for (const name of ['EXECUTION_TIMEOUT', 'States.Timeout']) {
      const reason = abortReasonOf(watch('failed', name));
      expect(reason).toBeInstanceOf(TimeoutError);
      expect(reason?.code).toBe(name);
    }
  });

  it('lets a step finish after an unrelated failure, so redrive can keep its output', () => {
    expect(abortReasonOf(watch('failed', 'NODE_FAILED'))).toBeNull();
  });
});
