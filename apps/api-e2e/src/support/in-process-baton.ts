import { loadConfig } from '../../../api/src/config/load-config';
import { startBaton, type RunningBaton } from '../../../api/src/bootstrap/start-baton';

/** Boots a whole Baton process (HTTP, database, queues) inside the test process. */
export async function startInProcessBaton(env: Record<string, string>): Promise<RunningBaton> {
  return startBaton(loadConfig(env));
}
