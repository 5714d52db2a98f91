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

/** Adds a member with `role` to the owner's workspace and signs them in. */
export async function addMember(
  owner: TestApiClient,
  role: 'owner' | 'editor' | 'viewer',
  email: string,
): Promise<TestApiClient> {
  const created = await owner.post('/api/users', { email, name: role, password: 'member password', role });
  if (created.status !== 201)
    throw new Error(`adding ${email} failed: ${created.status} ${JSON.stringify(created.body)}`);
  return signIn(owner, email, 'member password');
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
