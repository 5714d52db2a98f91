import { describe, expect, it } from '@jest/globals';
import { PermanentError, runNodeForTest } from '@baton/engine';
import { failNode } from './fail.node.js';

describe('flow.fail', () => {
  it('throws a permanent error with the chosen name and message', async () => {
    const error = await runNodeForTest(
      failNode,
      { id: 3 },
      { error: 'ORDER_REJECTED', cause: 'order {{ id }} rejected' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'ORDER_REJECTED', message: 'order 3 rejected', retryable: false });
  });
});
