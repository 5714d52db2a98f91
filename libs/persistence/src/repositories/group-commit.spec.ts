import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes a lone item at once and items arriving during a write together in the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
    });
    const first = commit.write(1);
    const rest = [2, 3, 4].map((n) => commit.write(n));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('gives each item of a failed batch its own outcome', async () => {
    const written: number[] = [];
    let busy!: () => void;
    const gate = new Promise<void>((resolve) => (busy = resolve));
    let calls = 0;
    const commit = new GroupCommit<number>(async (items) => {
      if (++calls === 1) await gate;
      if (items.includes(13)) throw new Error(`refused ${items.join(',')}`);
      written.push(...items);
    });
    const lone = commit.write(0);
    const outcomes = Promise.allSettled([12, 13, 14].map((n) => commit.write(n)));
    busy();
    await lone;
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written).toEqual([0, 12, 14]);
  });
});
