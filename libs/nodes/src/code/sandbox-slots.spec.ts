import { describe, expect, it } from '@jest/globals';
import { SandboxSlots } from './sandbox-slots.js';

describe('SandboxSlots', () => {
  it('runs at most `size` at once, the rest in arrival order, and a cancelled waiter leaves the queue', async () => {
    const slots = new SandboxSlots(2);
    const never = new AbortController().signal;
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const job = (name: string, signal = never) =>
      slots.run(signal, () => {
        started.push(name);
        return new Promise<string>((resolve) => gates.set(name, () => resolve(name)));
      });
    const a = job('a');
    const b = job('b');
    const cancel = new AbortController();
    const c = job('c', cancel.signal);
    const d = job('d');
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    cancel.abort(new Error('cancelled'));
    await expect(c).rejects.toThrow('cancelled');
    gates.get('a')!();
    expect(await a).toBe('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'd']);
    gates.get('b')!();
    gates.get('d')!();
    expect(await Promise.all([b, d])).toEqual(['b', 'd']);
  });
});
