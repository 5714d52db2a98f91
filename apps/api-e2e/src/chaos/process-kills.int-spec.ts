import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually, TestApiClient } from '../support/api-client';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { CHAOS_ENV, ownerToken, runChaosScenario } from './chaos-scenario';
import { type ChaosTally, printTallies, settledTally } from './chaos-tally';
import { expectNothingLost } from './expect-nothing-lost';
import { type SideEffectSink, startSideEffectSink } from './side-effect-sink';

/** Standard steps running now (claimed by a worker, not ended). */
async function runningSteps(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM execution_steps s JOIN executions e ON e.id = s.execution_id
       WHERE s.status = 'running' AND e.durability = 'standard'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * Two process kills at once on tier 3, each under its own 200-run load (this folds the mixed-load
 * case into the single-workflow worker crash tests in apps/api-e2e/src/crash):
 * - one of two workers is SIGKILLed while it runs steps; the other takes its jobs over once their
 *   lock lapses;
 * - one of two API processes is SIGKILLed while starts it accepted are on their way between the
 *   journal and the queue; the runs it committed but never enqueued are started by the workers'
 *   recovery pass, the clients it had not answered see a broken connection.
 */
describe('chaos: worker and API processes SIGKILLed mid-run', () => {
  const environments: TierEnvironment[] = [];
  const sinks: SideEffectSink[] = [];
  const processes: SpawnedBaton[] = [];
  let workerKill: PromiseSettledResult<ChaosTally>;
  let apiKill: PromiseSettledResult<ChaosTally>;
  let runningAtKill = 0;

  const spawn = (env: Record<string, string>, role: 'api' | 'worker') =>
    spawnBaton({ ...env, ...CHAOS_ENV, BATON_ROLE: role }).then((baton) => (processes.push(baton), baton));

  beforeAll(async () => {
    environments.push(...(await Promise.all([prepareTier('redis'), prepareTier('redis')])));
    sinks.push(...(await Promise.all([startSideEffectSink(150), startSideEffectSink(100)])));
    const [workerEnv, apiEnv] = environments.map((e) => e.env);
    const [workerApi, doomedWorker] = await Promise.all([
      spawn(workerEnv, 'api'),
      spawn(workerEnv, 'worker'),
      spawn(workerEnv, 'worker'),
    ]);
    const [doomedApi, survivingApi] = await Promise.all([
      spawn(apiEnv, 'api'),
      spawn(apiEnv, 'api'),
      spawn(apiEnv, 'worker'),
    ]);
    let apiKilled = false;
    let turn = 0;
    [workerKill, apiKill] = await Promise.allSettled([
      runChaosScenario(
        {
          name: 'worker SIGKILLed (tier 3)',
          sink: sinks[0],
          target: (token) => new TestApiClient(workerApi.url).withToken(token),
          database: workerEnv['DATABASE_URL'],
          async fault() {
            runningAtKill = await eventually(
              async () => {
                const n = await runningSteps(workerEnv['DATABASE_URL']);
                return n >= 2 && n;
              },
              30_000,
              20,
            );
            await doomedWorker.stop('SIGKILL');
          },
        },
        await ownerToken(new TestApiClient(workerApi.url)),
      ),
      runChaosScenario(
        {
          name: 'API SIGKILLed (tier 3)',
          sink: sinks[1],
          // Starts alternate between the two API processes until one is dead.
          target: (token) =>
            new TestApiClient(apiKilled || turn++ % 2 ? survivingApi.url : doomedApi.url).withToken(token),
          database: apiEnv['DATABASE_URL'],
          async fault(load) {
            // Killed with a standard start in flight, so the kill can land between its commit and its job.
            await eventually(async () => load.inFlight().some((a) => a.kind !== 'express'), 30_000, 1);
            apiKilled = true;
            await doomedApi.stop('SIGKILL');
          },
        },
        await ownerToken(new TestApiClient(doomedApi.url)),
      ),
    ]);
    printTallies([workerKill, apiKill]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.all(sinks.map((s) => s.close()));
    await Promise.all(environments.map((e) => e.cleanup()));
  });

  it('worker killed while steps run: every standard run ends, nothing lost or done twice', () => {
    expect(runningAtKill).toBeGreaterThanOrEqual(2);
    expectNothingLost(settledTally(workerKill));
  });

  it('API killed between accepting and enqueueing: every run it committed ends, nothing lost or done twice', () => {
    expectNothingLost(settledTally(apiKill));
  });
});
