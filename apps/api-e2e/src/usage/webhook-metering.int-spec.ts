import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { createTrigger, createWorkflow } from '../triggers/trigger-fixtures';

/** start -> `length` transforms in a row. */
const chain = (length: number) => ({
  nodes: [
    node('start', 'trigger.manual'),
    ...Array.from({ length }, (_, i) => node(`t${i}`, 'data.transform', { expression: '$' }, 200 * (i + 1))),
  ],
  edges: Array.from({ length }, (_, i) => edge(i === 0 ? 'start' : `t${i - 1}`, `t${i}`)),
});

/**
 * The webhook benchmark path (tier 3, sync webhook, express run) with metering on: the SQL
 * statements one call costs do not grow with the number of steps (each step's cost rides on the
 * run's one import statement), and a credit limit adds a fixed few per call, none per step.
 * Every statement the process sends is recorded; those naming the call's trigger, workspace or
 * execution are the call's (background sweeps name none of them).
 */
describe('metering on the webhook path (tier 3)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let anonymous: TestApiClient;
  let workspaceId: string;
  const recorded: Array<{ sql: string; params: string }> = [];
  const original = PostgresQueryRunner.prototype.query;

  beforeAll(async () => {
    environment = await prepareTier('redis');
    baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'api', BATON_SCHEDULER: 'off' });
    anonymous = new TestApiClient(baton.url);
    owner = await setUpOwner(anonymous);
    workspaceId = (await owner.get('/api/workspaces')).body[0].id;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
      recorded.push({ sql: String(args[0]), params: JSON.stringify(args[1] ?? []) });
      return original.apply(this, args);
    } as typeof original;
  });

  afterAll(async () => {
    PostgresQueryRunner.prototype.query = original;
    await baton?.close();
    await environment?.cleanup();
  });

  /** Statements of one sync webhook call (its run ended and was written when it answered). */
  async function statementsOfCall(hook: { id: string; url: string; token?: string }): Promise<number> {
    const from = recorded.length;
    const answered = await anonymous.request('POST', new URL(hook.url).pathname, '{"n":1}', {
      'content-type': 'application/json',
    });
    expect(answered.status).toBe(200);
    // A sync answer comes after the run was written and the call's run row recorded.
    const executionId: string = answered.body.executionId;
    const token = new URL(hook.url).pathname.split('/').at(-1)!;
    const marks = [token, hook.id, workspaceId, executionId];
    return recorded.slice(from).filter((q) => marks.some((mark) => q.params.includes(mark))).length;
  }

  it('costs the same statements per call for 1 step as for 6, with or without a credit limit', async () => {
    const short = await createTrigger(owner, await createWorkflow(owner, 'One step', chain(1)), {
      type: 'webhook',
      responseMode: 'sync',
      mode: 'immediate',
    });
    const long = await createTrigger(owner, await createWorkflow(owner, 'Six steps', chain(6)), {
      type: 'webhook',
      responseMode: 'sync',
      mode: 'immediate',
    });
    // First calls fill the per-process caches (versions, plans).
    await statementsOfCall(short);
    await statementsOfCall(long);
    const unlimited = { short: await statementsOfCall(short), long: await statementsOfCall(long) };
    // The token lookup (which also tells whether a limit exists), the rate counter, the run, the call's row.
    expect(unlimited.short).toBeGreaterThanOrEqual(3);
    expect(unlimited.long).toBe(unlimited.short);

    expect((await owner.put(`/api/workspaces/${workspaceId}/limits`, { monthlyCredits: 1000 })).status).toBe(200);
    const limited = { short: await statementsOfCall(short), long: await statementsOfCall(long) };
    expect(limited.long).toBe(limited.short);
    // Reserve, settle, and the run's existence check (the gate picks its id): a few per call.
    expect(limited.short - unlimited.short).toBeGreaterThan(0);
    expect(limited.short - unlimited.short).toBeLessThanOrEqual(3);

    // And the steps were metered: 6 transforms a call of the long one, 1 of the short one.
    const usage = (await owner.get('/api/usage?groupBy=workflow')).body;
    const creditsOf = (name: string) =>
      usage.groups.find((g: { label: string; credits: number }) => g.label === name)?.credits;
    expect(creditsOf('Six steps')).toBe(6 * 3);
    expect(creditsOf('One step')).toBe(1 * 3);
  });
});
