import { describe, expect, it } from '@jest/globals';
import { createAslTestEngine } from '../asl/conformance/create-asl-test-engine.js';
import { InProcessStepScheduler } from '../scheduling/in-process-step-scheduler.js';
import { FakeClock } from '../testing/fake-clock.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { AslInterpreter } from '../asl/asl-interpreter.js';
import { definitionDurability } from './definition-durability.js';

const machine = (type?: string) => ({
  ...(type ? { Type: type } : {}),
  StartAt: 'P',
  States: { P: { Type: 'Pass', Result: { ok: true }, End: true } },
});

describe('definitionDurability', () => {
  it("reads a graph's settings.durability and an ASL machine's Type", () => {
    expect(definitionDurability({ nodes: [], edges: [], settings: { durability: 'standard' } })).toBe('standard');
    expect(definitionDurability(machine('STANDARD'))).toBe('standard');
    expect(definitionDurability(machine('EXPRESS'))).toBe('express');
    expect(definitionDurability(machine())).toBeUndefined();
    expect(definitionDurability(machine('toString'))).toBeUndefined();
    expect(definitionDurability(null)).toBeUndefined();
  });

  it('runs an ASL STANDARD machine standard and an EXPRESS one express; an explicit durability still wins', async () => {
    const clock = new FakeClock();
    const t = createTestEngine({
      clock,
      immediateScheduler: new InProcessStepScheduler(clock),
      moreInterpreters: (registry) => [new AslInterpreter(registry)],
    });
    const start = (type: string | undefined, durability?: 'standard' | 'express') =>
      t.engine.start({ format: 'asl', definition: machine(type), input: {}, mode: 'immediate', durability });
    expect(await start('STANDARD')).toMatchObject({
      status: 'completed',
      durability: 'standard',
      output: { ok: true },
    });
    expect(await start('EXPRESS')).toMatchObject({ status: 'completed', durability: 'express' });
    expect(await start(undefined)).toMatchObject({ durability: 'express' });
    expect(await start('STANDARD', 'express')).toMatchObject({ durability: 'express' });
    expect(await start('EXPRESS', 'standard')).toMatchObject({ durability: 'standard' });
    // Queued runs are standard whatever the machine says, as for graphs.
    const queued = await t.engine.start({ format: 'asl', definition: machine('EXPRESS'), input: {}, mode: 'queued' });
    expect(queued.durability).toBe('standard');
  });

  it('validates the machine-level Type', () => {
    const t = createAslTestEngine();
    expect(t.engine.validateDefinition('asl', machine('EXPRESS'))).toEqual({ valid: true, problems: [] });
    expect(t.engine.validateDefinition('asl', machine('BATCH')).problems).toEqual([
      { path: 'Type', message: 'must be "STANDARD" or "EXPRESS"' },
    ]);
  });
});
