import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { addMember, setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { LiveClient } from '../live-events/live-client';

// Issue 11 (Medium 4): a socket's access is checked again on every subscribe and periodically,
// so a removed member or a revoked key stops receiving events on a socket opened before.
describe('live-event sockets lose access with their credentials (embedded tier)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'all', BATON_SOCKET_RECHECK_SECONDS: '1' });
    owner = await setUpOwner(new TestApiClient(baton.url));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await baton?.close();
    await environment?.cleanup();
  });

  const tokenOf = (client: TestApiClient) =>
    (client as unknown as { credentials: { token?: string; apiKey?: string } }).credentials;

  it('refuses a removed member on the next subscribe and disconnects them', async () => {
    const member = await addMember(owner, 'editor', 'leaving@example.test');
    const memberId = (await member.get('/api/auth/me')).body.user.id;
    const socket = await LiveClient.connect(baton.url, tokenOf(member).token);
    clients.push(socket);
    expect(await socket.subscribe({ workspace: true })).toMatchObject({ ok: true });
    const ended = new Promise((resolve) => socket.socket.once('session.ended', resolve));
    expect((await owner.delete(`/api/users/${memberId}`)).status).toBe(204);
    const refused = await socket.subscribe({ workspace: true }).catch(() => ({ ok: false, error: 'DISCONNECTED' }));
    expect(refused).toMatchObject({ ok: false });
    await expect(ended).resolves.toMatchObject({ code: 'UNAUTHENTICATED' });
    await eventually(async () => !socket.socket.connected, 5000, 50);
  });

  it('disconnects an open socket whose API key was revoked, without any message from the client', async () => {
    const key = await owner.post('/api/api-keys', { name: 'monitor', role: 'viewer' });
    const socket = await LiveClient.connect(baton.url, key.body.key);
    clients.push(socket);
    expect(await socket.subscribe({ workspace: true })).toMatchObject({ ok: true });
    const ended = new Promise((resolve) => socket.socket.once('session.ended', resolve));
    expect((await owner.delete(`/api/api-keys/${key.body.id}`)).status).toBe(204);
    await expect(ended).resolves.toMatchObject({ code: 'UNAUTHENTICATED' });
    await eventually(async () => !socket.socket.connected, 5000, 50);
  });
});
