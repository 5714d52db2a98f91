import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { logNode } from './log.node.js';

describe('util.log', () => {
  it('logs the templated message at the chosen level and passes data on', async () => {
    const { result, logs } = await runNodeForTest(
      logNode,
      { amount: 5 },
      { message: 'amount is {{ amount }}', level: 'warn' },
    );
    expect(result).toEqual({ output: { amount: 5 } });
    expect(logs).toEqual([{ level: 'warn', message: 'amount is 5', data: { data: { amount: 5 } } }]);
  });
});
