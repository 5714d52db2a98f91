import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { TestApiClient } from '../support/api-client';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { TEST_POSTGRES_URL } from '../support/test-services';
import { CHAOS_ENV, ownerToken, reportExit, runChaosScenario } from './chaos-scenario';
import { ownClusterUnavailable, type ServiceProcess, startPostgresCluster } from './chaos-services';
import { type ChaosTally, printTallies, settledTally } from './chaos-tally';
import { expectNothingLost } from './expect-nothing-lost';
import { type SideEffectSink, startSideEffectSink } from './side-effect-sink';

/** Every session of Baton's processes on `database` is terminated, three times, 700 ms apart. */
async function terminateSessions(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  let killed = 0;
  try {
    for (let round = 0; round < 3; round++) {
      const { rows } = await admin.query<{ killed: boolean }>(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
      killed += rows.filter((r) => r.killed).length;
      await new Promise((r) => setTimeout(r, 700));
    }
  } finally {
    await admin.end();
  }
  return killed;
}

/** Express runs an API process answered but could not write (it logs each one). */
const expressWritesFailed = (api: SpawnedBaton) =>
  api.output().split('could not write an express execution').length - 1;

/**
 * Two PostgreSQL faults at once, each under its own 200-run load:
 * - tier 2 (journal and BullMQ's PostgreSQL queue in one database on the machine's server): every
 *   Baton session is terminated with `pg_terminate_backend`, three times;
 * - tier 3 on a cluster of the test's own (`initdb`/`pg_ctl` in a temp dir): the server is stopped
 *   with `-m immediate` (a crash: WAL recovery on start) for 3 s and started again, while the
 *   Redis queue goes on handing out jobs.
 */
describe('chaos: PostgreSQL sessions killed, PostgreSQL server restarted', () => {
  const environments: TierEnvironment[] = [];
  const sinks: SideEffectSink[] = [];
  const processes: SpawnedBaton[] = [];
  let cluster: ServiceProcess | undefined;
  let killedSessions = 0;
  let terminated: PromiseSettledResult<ChaosTally>;
  let restarted: PromiseSettledResult<ChaosTally>;

  async function start(env: Record<string, string>): Promise<TestApiClient> {
    const spawned = await Promise.all([
      spawnBaton({ ...env, ...CHAOS_ENV, BATON_ROLE: 'api' }),
      spawnBaton({ ...env, ...CHAOS_ENV, BATON_ROLE: 'worker' }),
    ]);
    processes.push(...spawned);
    spawned.forEach((baton, i) => reportExit(baton, `${env['DATABASE_URL']} ${i ? 'worker' : 'api'}`));
    return new TestApiClient(spawned[0].url);
  }

  beforeAll(async () => {
    const unavailable = ownClusterUnavailable();
    if (unavailable) throw new Error(`the server restart case needs its own PostgreSQL cluster: ${unavailable}`);
    const [sessions, restart] = await Promise.all([prepareTier('postgres'), prepareTier('redis')]);
    environments.push(sessions, restart);
    cluster = await startPostgresCluster();
    sinks.push(...(await Promise.all([startSideEffectSink(100), startSideEffectSink(100)])));
    const sessionsApi = await start(sessions.env);
    const restartApi = await start({ ...restart.env, DATABASE_URL: cluster.url });
    const database = new URL(sessions.env['DATABASE_URL']).pathname.slice(1);
    const ownCluster = cluster;
    [terminated, restarted] = await Promise.allSettled([
      runChaosScenario(
        {
          name: 'PostgreSQL sessions terminated (tier 2)',
          sink: sinks[0],
          target: (token) => sessionsApi.withToken(token),
          database: sessions.env['DATABASE_URL'],
          async fault() {
            killedSessions = await terminateSessions(database);
          },
        },
        await ownerToken(sessionsApi),
      ),
      runChaosScenario(
        {
          name: 'PostgreSQL server restarted (tier 3)',
          sink: sinks[1],
          target: (token) => restartApi.withToken(token),
          database: ownCluster.url,
          async fault() {
            await ownCluster.stop('SIGKILL');
            await new Promise((r) => setTimeout(r, 3000));
            await ownCluster.start();
          },
        },
        await ownerToken(restartApi),
      ),
    ]);
    printTallies([terminated, restarted]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.all(sinks.map((s) => s.close()));
    await cluster?.remove();
    await Promise.all(environments.map((e) => e.cleanup()));
  });

  it('terminated sessions: every standard run ends, nothing lost or done twice', async () => {
    expect(killedSessions).toBeGreaterThan(0);
    expectNothingLost(settledTally(terminated), { expressWritesFailed: expressWritesFailed(processes[0]) });
  });

  it('restarted server: every standard run ends, nothing lost or done twice, and the processes are ready again', async () => {
    expectNothingLost(settledTally(restarted), { expressWritesFailed: expressWritesFailed(processes[2]) });
    for (const baton of processes)
      expect((await new TestApiClient(baton.url).get('/api/health/ready')).status).toBe(200);
  });
});
