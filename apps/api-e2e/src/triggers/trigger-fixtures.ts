import { DataSource } from 'typeorm';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TriggerScheduler } from '../../../api/src/triggers/trigger.scheduler';
import type { TestApiClient } from '../support/api-client';

/** start -> transform: the output is `{ got: <input>, tag }`, so a test sees which version ran and with what input. */
export const echoGraph = (tag: string, delayMs = 0) => {
  const node = (id: string, type: string, inputs: Record<string, unknown>, x: number) => ({
    id,
    type,
    position: { x, y: 0 },
    data: { inputs },
  });
  const nodes = [node('start', 'trigger.manual', {}, 0)];
  const edges: unknown[] = [];
  let previous = 'start';
  if (delayMs) {
    nodes.push(node('wait', 'flow.delay', { ms: delayMs }, 200));
    edges.push({ id: 'start-wait', source: 'start', target: 'wait', sourceHandle: 'out', targetHandle: 'in' });
    previous = 'wait';
  }
  nodes.push(node('echo', 'data.transform', { expression: `{ "got": $, "tag": "${tag}" }` }, 400));
  edges.push({ id: `${previous}-echo`, source: previous, target: 'echo', sourceHandle: 'out', targetHandle: 'in' });
  return { nodes, edges };
};

export async function createWorkflow(
  owner: TestApiClient,
  name: string,
  definition: unknown,
  status: 'draft' | 'active' = 'active',
): Promise<string> {
  const created = await owner.post('/api/workflows', { name, format: 'graph', definition });
  if (created.status !== 201)
    throw new Error(`workflow create failed: ${created.status} ${JSON.stringify(created.body)}`);
  if (status === 'active') {
    const activated = await owner.post(`/api/workflows/${created.body.id}/activate`);
    if (activated.status !== 200)
      throw new Error(`activate failed: ${activated.status} ${JSON.stringify(activated.body)}`);
  }
  return created.body.id;
}

export async function createTrigger(owner: TestApiClient, workflowId: string, body: Record<string, unknown>) {
  const created = await owner.post(`/api/workflows/${workflowId}/triggers`, body);
  if (created.status !== 201)
    throw new Error(`trigger create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The scheduler and database of an in-process Baton, to drive ticks with fixed instants. */
export const schedulerOf = (baton: RunningBaton) => baton.app.get(TriggerScheduler);
export const databaseOf = (baton: RunningBaton) => baton.app.get(DataSource);

export async function setNextRunAt(baton: RunningBaton, triggerId: string, at: string): Promise<void> {
  await databaseOf(baton).query(`UPDATE triggers SET next_run_at = $2 WHERE id = $1`, [triggerId, at]);
}
