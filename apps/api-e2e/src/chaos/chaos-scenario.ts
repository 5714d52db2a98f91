import pg from 'pg';
import type { SpawnedBaton } from '../support/spawned-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { ChaosLoad, LOAD_MIX } from './chaos-load';
import { type ChaosTally, tallyChaos } from './chaos-tally';
import { createChaosWorkflows } from './chaos-workflows';
import type { SideEffectSink } from './side-effect-sink';

/** The Baton process settings every scenario runs with: a dead worker's jobs come back within seconds. */
export const CHAOS_ENV: Record<string, string> = {
  BATON_WORKER_CONCURRENCY: '8',
  BATON_STEP_LOCK_MS: '3000',
  BATON_STALLED_CHECK_MS: '1500',
  BATON_SHUTDOWN_GRACE_MS: '3000',
  // Lost starts and jobs a restarted Redis dropped come back within seconds (default 30 s).
  BATON_RECOVERY_INTERVAL_MS: '2000',
};

/** How long a scenario's runs may take to end after its load (recovery starts a lost start after a 10 s grace). */
const SETTLE_MS = 120_000;

export interface ChaosScenario {
  name: string;
  sink: SideEffectSink;
  /** Where the load sends starts: a function, since a scenario may replace its API process. */
  target: (token: string) => TestApiClient;
  /** The database the tally reads (also read while waiting: must answer once the fault is over). */
  database: pg.ClientConfig | string;
  /** Starts acknowledged before the fault (a fraction of the load, so that it runs on across the fault). */
  faultAfter?: number;
  /** Does the damage and resolves once it is over (the fault's own processes back, or replaced). */
  fault(load: ChaosLoad): Promise<void>;
}

/** Logs the end of a Baton process's output when it exits by itself (the tests only ever kill with SIGKILL). */
export function reportExit(baton: SpawnedBaton, label: string): void {
  baton.process.once('exit', (code) => {
    if (code !== null) console.log(`${label} exited with ${code}; last output:\n${baton.output().slice(-4000)}`);
  });
}

/** Signs the owner up on a fresh install; the token works on every process sharing the encryption key. */
export async function ownerToken(api: TestApiClient): Promise<string> {
  const setup = await api.post('/api/auth/setup', {
    email: 'owner@example.test',
    password: 'correct horse',
    name: 'Owner',
    workspaceName: 'Chaos',
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  return setup.body.accessToken;
}

/**
 * Runs the 200-run mix through `target`, does the fault once part of it is acknowledged (while
 * calls are in flight), waits until no run in the database is live any more, and counts.
 */
export async function runChaosScenario(scenario: ChaosScenario, token: string): Promise<ChaosTally> {
  const workflows = await createChaosWorkflows(scenario.target(token), scenario.sink.url);
  const load = new ChaosLoad(workflows, { target: () => scenario.target(token), concurrency: 6, perSecond: 40 });
  const loading = load.run(SETTLE_MS);
  // Keep the load's outcome observed while the fault runs (a rejection surfaces below, not as unhandled).
  loading.catch(() => undefined);
  const faultAfter = scenario.faultAfter ?? Math.round(total() * 0.35);
  await eventually(async () => load.acknowledged() >= faultAfter && scenario.sink.inFlight() > 0, 60_000, 10);
  const liveAtFault = await liveRuns(scenario.database);
  const faultAt = Date.now();
  await scenario.fault(load);
  const faultEnded = Date.now();
  await loading;
  await eventually(async () => (await liveRuns(scenario.database)) === 0, SETTLE_MS, 500).catch(() => undefined);
  const tally = await tallyChaos(scenario.name, scenario.database, load.attempts, scenario.sink);
  const seconds = (from: number, to: number) => Math.round((to - from) / 100) / 10;
  return {
    ...tally,
    liveAtFault,
    faultSeconds: seconds(faultAt, faultEnded),
    settledSeconds: seconds(faultEnded, Date.now()),
  };
}

const total = () => Object.values(LOAD_MIX).reduce((a, b) => a + b, 0);

/** Runs in the database not ended yet. */
async function liveRuns(database: pg.ClientConfig | string): Promise<number> {
  const client = new pg.Client(database);
  await client.connect();
  try {
    const { rows } = await client.query<{ live: number }>(
      `SELECT count(*)::int AS live FROM executions WHERE status NOT IN ('completed', 'failed', 'cancelled')`,
    );
    return rows[0].live;
  } finally {
    await client.end();
  }
}
