import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

/**
 * A crash between a child's end and its parent's resume (or between a parent's cancel and its
 * cascade) loses the end hook. Here the journal is written as such a crash leaves it, by SQL
 * beside the engine (no hook runs), and the recovery sweep (every second) must settle it.
 */
describe('child execution ends that were never passed on (tier 3)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let db: pg.Client;

  beforeAll(async () => {
    environment = await prepareTier('redis');
    baton = await startInProcessBaton({ ...environment.env, BATON_RECOVERY_INTERVAL_MS: '1000' });
    owner = await setUpOwner(new TestApiClient(baton.url));
    db = new pg.Client({ connectionString: environment.env['DATABASE_URL'] });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await baton?.close();
    await environment?.cleanup();
  }, 120_000);

  async function startParkedParent(): Promise<{ parentId: string; childId: string }> {
    const child = await owner.post('/api/workflows', {
      name: `slow child ${Math.random()}`,
      format: 'graph',
      definition: {
        nodes: [node('start', 'trigger.manual'), node('wait', 'flow.delay', { ms: 600_000 }, 200)],
        edges: [edge('start', 'wait')],
      },
    });
    const parent = await owner.post('/api/workflows', {
      name: `parent ${Math.random()}`,
      format: 'graph',
      definition: {
        nodes: [
          node('start', 'trigger.manual'),
          node('sub', 'flow.subworkflow', { workflowId: child.body.id }, 200),
          node('after', 'data.transform', { expression: '{ "doubled": total * 2 }' }, 400),
        ],
        edges: [edge('start', 'sub'), edge('sub', 'after')],
      },
    });
    const started = await owner.post(`/api/workflows/${parent.body.id}/execute`, { input: {}, mode: 'queued' });
    const parentId: string = started.body.executionId;
    const childId: string = await eventually(async () => {
      const run = (await owner.get(`/api/executions/${parentId}`)).body;
      const sub = run.steps.find((s: { stepId: string }) => s.stepId === 'sub');
      return sub?.status === 'running' && run.children?.[0]?.status === 'running' ? run.children[0].id : undefined;
    });
    return { parentId, childId };
  }

  const statusOf = async (id: string) => (await owner.get(`/api/executions/${id}`)).body;

  it("passes a child's lost end on to its waiting parent", async () => {
    const { parentId, childId } = await startParkedParent();
    await db.query(
      `UPDATE executions SET status = 'completed', output = '{"total": 7}'::jsonb, ended_at = now() - interval '1 minute'
        WHERE id = $1`,
      [childId],
    );
    const parent = await eventually(async () => {
      const run = await statusOf(parentId);
      return run.status === 'completed' ? run : undefined;
    }, 20_000);
    expect(parent.steps.find((s: { stepId: string }) => s.stepId === 'after').output).toEqual({ doubled: 14 });
  });

  it('cancels the child of a parent whose cancel never cascaded', async () => {
    const { parentId, childId } = await startParkedParent();
    await db.query(
      `UPDATE executions SET status = 'cancelled', error = 'CANCELLED', ended_at = now() - interval '1 minute'
        WHERE id = $1`,
      [parentId],
    );
    const child = await eventually(async () => {
      const run = await statusOf(childId);
      return run.status === 'cancelled' ? run : undefined;
    }, 20_000);
    expect(child.cause).toContain(`Parent execution ${parentId} ended before its child`);
  });
});
