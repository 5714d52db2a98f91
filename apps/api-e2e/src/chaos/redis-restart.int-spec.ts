import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApiClient } from '../support/api-client';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { expectNothingLost } from './expect-nothing-lost';
import { CHAOS_ENV, ownerToken, runChaosScenario } from './chaos-scenario';
import { type ServiceProcess, startRedisServer } from './chaos-services';
import { type ChaosTally, printTallies } from './chaos-tally';
import { type SideEffectSink, startSideEffectSink } from './side-effect-sink';

/**
 * Tier 3 on a redis-server of the test's own: mid-run it is stopped and started again, empty
 * (no persistence), so every queued, delayed and running job is gone and the queue must be
 * rebuilt from the journal by recovery; the processes reconnect by themselves.
 */
describe('chaos: Redis restarted mid-run', () => {
  let environment: TierEnvironment;
  let redis: ServiceProcess;
  let sink: SideEffectSink;
  const processes: SpawnedBaton[] = [];
  let tally: ChaosTally;

  beforeAll(async () => {
    [environment, redis, sink] = await Promise.all([
      prepareTier('redis'),
      startRedisServer(),
      startSideEffectSink(100),
    ]);
    const env = { ...environment.env, ...CHAOS_ENV, REDIS_URL: redis.url };
    processes.push(
      ...(await Promise.all([spawnBaton({ ...env, BATON_ROLE: 'api' }), spawnBaton({ ...env, BATON_ROLE: 'worker' })])),
    );
    const api = new TestApiClient(processes[0].url);
    tally = await runChaosScenario(
      {
        name: 'Redis restarted (empty)',
        sink,
        target: (token) => api.withToken(token),
        database: environment.env['DATABASE_URL'],
        async fault() {
          await redis.stop('SIGTERM');
          await new Promise((r) => setTimeout(r, 2000));
          await redis.start();
        },
      },
      await ownerToken(api),
    );
    printTallies([tally]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await Promise.all([sink?.close(), redis?.remove()]);
    await environment?.cleanup();
  });

  it('ends every standard run with nothing lost or done twice, and the processes stay up', async () => {
    expectNothingLost(tally);
    for (const baton of processes)
      expect((await new TestApiClient(baton.url).get('/api/health/ready')).status).toBe(200);
  });
});
