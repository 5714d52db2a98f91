import { BatonApiError, BatonClient } from '@baton/client';
import { TestApiClient } from './api-client';

/** The owner signed in twice with one token: through the SDK, and raw HTTP for wire-level checks. */
export interface OwnerClients {
  sdk: BatonClient;
  raw: TestApiClient;
}

/**
 * Sets up the owner on a fresh install through the SDK (what `setUpOwner` does by hand) and
 * returns an SDK client and a raw client sharing the owner's token, so suites call the API the
 * way integrators do and keep raw HTTP only for status codes, headers and wire shapes.
 */
export async function setUpOwnerClients(
  baseUrl: string,
  email = 'owner@example.test',
  password = 'correct horse',
): Promise<OwnerClients> {
  const anonymous = new BatonClient({ baseUrl });
  const { data, error, response } = await anonymous.api.POST('/api/auth/setup', {
    body: { email, password, name: 'Owner', workspaceName: 'Workspace A' },
  });
  if (response.status !== 201 || !data) throw new Error(`setup failed: ${response.status} ${JSON.stringify(error)}`);
  return {
    sdk: new BatonClient({ baseUrl, accessToken: data.accessToken }),
    raw: new TestApiClient(baseUrl).withToken(data.accessToken),
  };
}

/** Signs in through the SDK (into `workspaceId` when given) and returns a client with that token. */
export async function signInClient(
  baseUrl: string,
  email: string,
  password: string,
  workspaceId?: string,
): Promise<BatonClient> {
  const anonymous = new BatonClient({ baseUrl });
  const { data, error, response } = await anonymous.api.POST('/api/auth/login', {
    body: { email, password, ...(workspaceId ? { workspaceId } : {}) },
  });
  if (response.status !== 200 || !data) throw new Error(`login failed: ${response.status} ${JSON.stringify(error)}`);
  return new BatonClient({ baseUrl, accessToken: data.accessToken });
}

/** The BatonApiError a call threw (fails the test when it succeeded or threw something else). */
export async function apiErrorOf(call: Promise<unknown>): Promise<BatonApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof BatonApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a BatonApiError, but it succeeded');
}
