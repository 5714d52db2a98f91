import { TestApiClient } from './api-client';

/** Sets up the owner on a fresh install and returns a client signed in as them. */
export async function setUpOwner(
  api: TestApiClient,
  email = 'owner@example.test',
  password = 'correct horse',
): Promise<TestApiClient> {
  const setup = await api.post('/api/auth/setup', { email, password, name: 'Owner', workspaceName: 'Workspace A' });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  return api.withToken(setup.body.accessToken);
}

/** Invites a new user with `role` into the owner's workspace; they accept with their own password ('member password'). */
export async function addMember(
  owner: TestApiClient,
  role: 'owner' | 'editor' | 'viewer',
  email: string,
): Promise<TestApiClient> {
  const invited = await owner.post('/api/users', { email, role });
  if (invited.status !== 201)
    throw new Error(`inviting ${email} failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const anonymous = new TestApiClient(owner.baseUrl);
  const accepted = await anonymous.post(`/api/invitations/${invited.body.token}/accept`, {
    name: role,
    password: 'member password',
  });
  if (accepted.status !== 200)
    throw new Error(`accepting ${email}'s invitation failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return owner.withToken(accepted.body.accessToken);
}

export async function signIn(
  api: TestApiClient,
  email: string,
  password: string,
  workspaceId?: string,
): Promise<TestApiClient> {
  const login = await api.post('/api/auth/login', { email, password, ...(workspaceId ? { workspaceId } : {}) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return new TestApiClient(api.baseUrl).withToken(login.body.accessToken);
}

export const sampleGraph = () => ({
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
    { id: 'log', type: 'util.log', position: { x: 200, y: 0 }, data: { inputs: { message: 'hello' } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'log', sourceHandle: 'out', targetHandle: 'in' }],
});
