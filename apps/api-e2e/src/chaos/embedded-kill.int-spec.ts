import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import pg from 'pg';
import { eventually, TestApiClient } from '../support/api-client';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { CHAOS_ENV, ownerToken, runChaosScenario } from './chaos-scenario';
import { type ChaosTally, printTallies } from './chaos-tally';
import { expectNothingLost } from './expect-nothing-lost';
import { type SideEffectSink, startSideEffectSink } from './side-effect-sink';

/**
 * The embedded tier (one process: API, workers and PGlite behind its Unix socket) SIGKILLed while
 * standard steps run, then started again on the same data directory, as a supervisor would: the
 * stale data-dir lock is taken over, PGlite opens what the killed process left, and recovery at
 * boot finishes the runs. The tally reads the journal through the new process's socket.
 */
describe('chaos: embedded tier SIGKILLed mid-run and restarted on its data dir', () => {
  let environment: TierEnvironment;
  let sink: SideEffectSink;
  let baton: SpawnedBaton;
  let tally: ChaosTally;
  let runningAtKill = 0;

  beforeAll(async () => {
    [environment, sink] = await Promise.all([prepareTier('embedded'), startSideEffectSink(100)]);
    const env = { ...environment.env, ...CHAOS_ENV };
    baton = await spawnBaton(env);
    const database: pg.ClientConfig = {
      host: join(environment.env['BATON_DATA_DIR'], 'socket'),
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    };
    const running = async () => {
      const client = new pg.Client(database);
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM execution_steps WHERE status = 'running'`,
        );
        return rows[0].n;
      } finally {
        await client.end();
      }
    };
    tally = await runChaosScenario(
      {
        name: 'embedded SIGKILLed, restarted',
        sink,
        target: (token) => new TestApiClient(baton.url).withToken(token),
        database,
        async fault() {
          runningAtKill = await eventually(
            async () => {
              const n = await running();
              return n >= 2 && n;
            },
            30_000,
            20,
          );
          await baton.stop('SIGKILL');
          baton = await spawnBaton(env);
        },
      },
      await ownerToken(new TestApiClient(baton.url)),
    );
    printTallies([tally]);
  }, 300_000);

  afterAll(async () => {
    await baton?.stop('SIGKILL');
    await sink?.close();
    await environment?.cleanup();
  });

  it('ends every standard run with nothing lost or done twice, and serves again', async () => {
    expect(runningAtKill).toBeGreaterThanOrEqual(2);
    expectNothingLost(tally);
    expect((await new TestApiClient(baton.url).get('/api/health/ready')).status).toBe(200);
  });
});
