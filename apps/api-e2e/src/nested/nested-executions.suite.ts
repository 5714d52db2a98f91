import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** child: start -> sum ({ total: a + b }). */
const adderGraph = () => ({
  nodes: [node('start', 'trigger.manual'), node('sum', 'data.transform', { expression: '{ "total": a + b }' }, 200)],
  edges: [edge('start', 'sum')],
});

/** parent: start -> sub (flow.subworkflow) -> after (doubles the child's total). */
const parentGraph = (settings: Record<string, unknown>) => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('sub', 'flow.subworkflow', settings, 200),
    node('after', 'data.transform', { expression: '{ "doubled": total * 2 }' }, 400),
  ],
  edges: [edge('start', 'sub'), edge('sub', 'after')],
});

/**
 * Nested executions through the REST API: flow.subworkflow and states:startExecution start
 * child executions (own rows, linked both ways), a child's result or failure reaches its parent
 * step, and cancelling a parent cancels the children it waits for.
 */
export function describeNestedExecutions(tier: TierName): void {
  describe(`nested executions on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      owner = await setUpOwner(new TestApiClient(baton.url));
    }, 120_000);

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    }, 120_000);

    async function save(name: string, definition: unknown, format = 'graph'): Promise<string> {
      const created = await owner.post('/api/workflows', { name, format, definition });
      expect(created.status).toBe(201);
      return created.body.id;
    }

    async function execute(workflowId: string, input: unknown, mode = 'queued'): Promise<string> {
      const started = await owner.post(`/api/workflows/${workflowId}/execute`, { input, mode });
      expect(started.status).toBe(201);
      return started.body.executionId;
    }

    const detail = async (id: string) => (await owner.get(`/api/executions/${id}`)).body;
    const ended = (id: string, timeoutMs = 20_000) =>
      eventually(async () => {
        const execution = await detail(id);
        return TERMINAL.includes(execution.status) ? execution : undefined;
      }, timeoutMs);

    it('runs a sub-workflow as a child execution whose output flows into the parent, linked both ways', async () => {
      const child = await save('adder', adderGraph());
      const parent = await save('uses adder', parentGraph({ workflowId: child, input: { a: 4, b: 5 } }));
      const parentRun = await ended(await execute(parent, {}));
      expect(parentRun.status).toBe('completed');
      expect(parentRun.steps.find((s: { stepId: string }) => s.stepId === 'after').output).toEqual({ doubled: 18 });
      expect(parentRun.children).toHaveLength(1);
      const [link] = parentRun.children;
      expect(link).toMatchObject({ workflowId: child, status: 'completed', parentStepId: 'sub' });
      const childRun = await detail(link.id);
      expect(childRun).toMatchObject({
        parentExecutionId: parentRun.id,
        parentStepId: 'sub',
        trigger: 'parent',
        input: { a: 4, b: 5 },
        children: [],
      });
      expect(parentRun.parentExecutionId).toBeNull();
      const listed = await owner.get(`/api/executions?parentExecutionId=${parentRun.id}`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([link.id]);
      expect(listed.body.items[0]).toMatchObject({ parentExecutionId: parentRun.id, parentStepId: 'sub' });
      expect((await owner.get('/api/executions?parentExecutionId=nope')).status).toBe(400);
    });

    it('runs a pinned version, and runs the child inline in an immediate (express) parent', async () => {
      const child = await save('versioned adder', adderGraph());
      const updated = await owner.put(`/api/workflows/${child}`, {
        definition: {
          nodes: [
            node('start', 'trigger.manual'),
            node('sum', 'data.transform', { expression: '{ "total": 0 }' }, 200),
          ],
          edges: [edge('start', 'sum')],
        },
      });
      expect(updated.status).toBe(200);
      const pinned = await save('pinned', parentGraph({ workflowId: child, version: 1, input: { a: 1, b: 2 } }));
      const latest = await save('latest', parentGraph({ workflowId: child, version: 'latest', input: { a: 1, b: 2 } }));
      const started = await owner.post(`/api/workflows/${pinned}/execute`, { input: {}, mode: 'immediate' });
      expect(started.body).toMatchObject({ status: 'completed', durability: 'express', output: { doubled: 6 } });
      const latestRun = await ended(await execute(latest, {}));
      expect(latestRun.steps.find((s: { stepId: string }) => s.stepId === 'after').output).toEqual({ doubled: 0 });
    });

    it("fails the parent step with the child's error code and cause", async () => {
      const child = await save('failing child', {
        nodes: [
          node('start', 'trigger.manual'),
          node('stop', 'flow.fail', { error: 'OUT_OF_STOCK', cause: 'no widgets left' }, 200),
        ],
        edges: [edge('start', 'stop')],
      });
      const parent = await save('uses failing child', parentGraph({ workflowId: child }));
      const parentRun = await ended(await execute(parent, {}));
      expect(parentRun).toMatchObject({ status: 'failed', error: 'OUT_OF_STOCK', cause: 'no widgets left' });
      expect(parentRun.steps.find((s: { stepId: string }) => s.stepId === 'sub')).toMatchObject({
        status: 'failed',
        error: { error: 'OUT_OF_STOCK', cause: 'no widgets left' },
      });
      expect(parentRun.children[0]).toMatchObject({ status: 'failed' });
    });

    it('parks the parent step while its child runs, and cancelling the parent cancels the child', async () => {
      const child = await save('slow child', {
        nodes: [node('start', 'trigger.manual'), node('wait', 'flow.delay', { ms: 60_000 }, 200)],
        edges: [edge('start', 'wait')],
      });
      const parent = await save('uses slow child', parentGraph({ workflowId: child }));
      const parentId = await execute(parent, {});
      const childId = await eventually(async () => (await detail(parentId)).children?.[0]?.id);
      await eventually(async () => (await detail(childId)).status === 'running');
      expect((await detail(parentId)).steps.find((s: { stepId: string }) => s.stepId === 'sub').status).toBe('running');
      expect((await owner.delete(`/api/executions/${parentId}`)).status).toBeLessThan(300);
      const childRun = await ended(childId);
      expect(childRun.status).toBe('cancelled');
      expect(childRun.cause).toContain(`Parent execution ${parentId} was cancelled`);
    });

    it('cancels a states:startExecution.sync child with its ASL parent; a fire-and-forget child runs on', async () => {
      const child = await save(
        'asl waiter',
        { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } },
        'asl',
      );
      const parent = await save(
        'asl parent',
        {
          StartAt: 'Fire',
          States: {
            Fire: {
              Type: 'Task',
              Resource: 'arn:aws:states:::states:startExecution',
              Parameters: { StateMachineArn: `arn:baton:states:::workflow:${child}` },
              ResultPath: null,
              Next: 'Wait',
            },
            Wait: {
              Type: 'Task',
              Resource: 'arn:aws:states:::states:startExecution.sync:2',
              Parameters: { StateMachineArn: 'asl waiter', Input: { n: 1 } },
              End: true,
            },
          },
        },
        'asl',
      );
      const parentId = await execute(parent, {});
      const children = await eventually(async () => {
        const links = (await detail(parentId)).children ?? [];
        return links.length === 2 ? links : undefined;
      });
      const waited = children.find((c: { parentStepId: string }) => c.parentStepId.endsWith('Wait'));
      const fired = children.find((c: { parentStepId: string }) => c.parentStepId.endsWith('Fire'));
      expect(await detail(waited.id)).toMatchObject({
        input: { n: 1, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: parentId },
      });
      await eventually(async () => (await detail(waited.id)).status === 'running');
      expect((await owner.delete(`/api/executions/${parentId}`)).status).toBeLessThan(300);
      expect((await ended(waited.id)).status).toBe('cancelled');
      expect((await detail(fired.id)).status).toBe('running');
      await owner.delete(`/api/executions/${fired.id}`);
    });
  });
}
