import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from './api-client';
import { setUpOwner } from './identities';
import { startInProcessBaton } from './in-process-baton';
import { prepareTier } from './test-tiers';

export interface EmbeddedOwnerBaton {
  baton: RunningBaton;
  /** Signed in as the workspace owner. */
  owner: TestApiClient;
  close(): Promise<void>;
}

/** The whole app (BATON_ROLE=all) on a fresh embedded tier, with its owner set up and signed in. */
export async function startEmbeddedOwnerBaton(): Promise<EmbeddedOwnerBaton> {
  const environment = await prepareTier('embedded');
  const baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'all' }).catch(async (error: unknown) => {
    await environment.cleanup();
    throw error;
  });
  const owner = await setUpOwner(new TestApiClient(baton.url));
  return {
    baton,
    owner,
    async close() {
      await baton.close();
      await environment.cleanup();
    },
  };
}
