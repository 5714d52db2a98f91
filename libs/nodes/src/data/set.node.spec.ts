import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { setNode } from './set.node.js';

const input = { user: { name: 'Ada', email: 'ada@example.com' }, plan: 'free' };

describe('data.set', () => {
  it('sets values at dotted paths, with templates', async () => {
    const { result } = await runNodeForTest(setNode, input, {
      values: { plan: 'pro', 'user.greeting': 'Hi {{ user.name }}' },
    });
    expect(result.output).toEqual({ user: { name: 'Ada', email: 'ada@example.com', greeting: 'Hi Ada' }, plan: 'pro' });
  });

  it('picks paths', async () => {
    const { result } = await runNodeForTest(setNode, input, { mode: 'pick', keys: ['user.name', 'missing'] });
    expect(result.output).toEqual({ user: { name: 'Ada' } });
  });

  it('deep-merges objects', async () => {
    const { result } = await runNodeForTest(setNode, input, { mode: 'merge', values: { user: { age: 36 } } });
    expect(result.output).toEqual({ user: { name: 'Ada', email: 'ada@example.com', age: 36 }, plan: 'free' });
  });

  it('refuses a non-object input', async () => {
    await expect(runNodeForTest(setNode, [1], {})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
