import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ASL_CONFORMANCE_CASES,
  type AslConformanceCase,
  startConformanceStubServer,
  withChildWorkflows,
  withStubUrl,
} from '@baton/engine';
import { answerTaskTokens } from './answer-task-tokens';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

// Cases run this many at a time (a pool, so one slow case holds one slot, not a batch): waits,
// retry back-offs and callback timeouts are real seconds here.
const CONCURRENCY = 16;

interface CaseOutcome {
  name: string;
  status: string;
  output?: unknown;
  error?: string | null;
  cause?: string | null;
}

// On a loaded machine the in-process server may close an idle keep-alive socket just as the
// client reuses it: undici fails with "other side closed" / ECONNRESET before the request was
// read, so it is sent once more (an API answer, any status, is never retried).
async function retryOnReset<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (!(error instanceof TypeError) || !['UND_ERR_SOCKET', 'ECONNRESET'].includes(code ?? '')) throw error;
    return send();
  }
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The ASL conformance cases through the REST API (create workflow, execute, poll) on one tier. */
export function describeAslConformance(tier: TierName): void {
  describe(`ASL conformance through the REST API on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let stub: Awaited<ReturnType<typeof startConformanceStubServer>>;

    beforeAll(async () => {
      stub = await startConformanceStubServer();
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({ ...environment.env, BATON_LAMBDA_ENDPOINT: stub.url });
      owner = await setUpOwner(new TestApiClient(baton.url));
    });

    afterAll(async () => {
      await stub?.close();
      await baton?.close();
      await environment?.cleanup();
    }, 180_000);

    async function run(testCase: AslConformanceCase, mode: 'queued' | 'immediate' = 'queued'): Promise<CaseOutcome> {
      const activity = `conformance-${Math.random().toString(36).slice(2, 12)}`;
      if (testCase.needs === 'activity') await retryOnReset(() => owner.post('/api/activities', { name: activity }));
      // Nested cases: their child state machines are saved first, under names unique to this run.
      const saved: Record<string, { id: string; name: string }> = {};
      for (const [key, child] of Object.entries(testCase.children ?? {})) {
        const name = `child ${key} ${Math.random().toString(36).slice(2, 12)}`;
        const response = await retryOnReset(() =>
          owner.post('/api/workflows', { name, format: 'asl', definition: child }),
        );
        if (response.status !== 201)
          return { name: testCase.name, status: `create child ${response.status}: ${JSON.stringify(response.body)}` };
        saved[key] = { id: response.body.id, name };
      }
      const definition = withChildWorkflows(
        JSON.parse(
          JSON.stringify(withStubUrl(testCase.definition, stub.url)).replaceAll('{{ACTIVITY}}', activity),
        ) as Record<string, unknown>,
        saved,
      );
      const created = await retryOnReset(() =>
        owner.post('/api/workflows', { name: testCase.name.slice(0, 200), format: 'asl', definition }),
      );
      if (created.status !== 201)
        return { name: testCase.name, status: `create ${created.status}: ${JSON.stringify(created.body)}` };
      const input = 'input' in testCase ? testCase.input : {};
      const started = await retryOnReset(() =>
        owner.post(`/api/workflows/${created.body.id}/execute`, { input, mode }),
      );
      if (started.status !== 201)
        return { name: testCase.name, status: `execute ${started.status}: ${JSON.stringify(started.body)}` };
      const executionId: string = started.body.executionId;
      const answering = testCase.answers
        ? answerTaskTokens({ client: owner, stubUrl: stub.url, testCase, executionId, activity })
        : null;
      const done = await eventually(async () => {
        const e = await retryOnReset(() => owner.get(`/api/executions/${executionId}`));
        return ['completed', 'failed', 'cancelled'].includes(e.body.status) ? e.body : undefined;
      }, 60_000).finally(() => answering?.stop());
      await answering?.finished;
      return { name: testCase.name, status: done.status, output: done.output, error: done.error, cause: done.cause };
    }

    function expected(testCase: AslConformanceCase): CaseOutcome {
      const e = testCase.expect;
      if (e.status === 'completed')
        return { name: testCase.name, status: 'completed', output: e.output, error: null, cause: null };
      return { name: testCase.name, status: 'failed', output: null, error: e.error };
    }

    it(`runs all ${ASL_CONFORMANCE_CASES.length} conformance cases as the spec prescribes`, async () => {
      const actual: CaseOutcome[] = new Array(ASL_CONFORMANCE_CASES.length);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < ASL_CONFORMANCE_CASES.length; i = next++)
          actual[i] = await run(ASL_CONFORMANCE_CASES[i]);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const mismatches = ASL_CONFORMANCE_CASES.flatMap((testCase, i) => {
        const want = expected(testCase);
        const got = actual[i];
        const comparable =
          testCase.expect.status === 'failed'
            ? { name: got.name, status: got.status, output: got.output, error: got.error }
            : got;
        const causeOk =
          testCase.expect.status !== 'failed' ||
          ((testCase.expect.cause === undefined || got.cause === testCase.expect.cause) &&
            (testCase.expect.causeContains === undefined || String(got.cause).includes(testCase.expect.causeContains)));
        // PostgreSQL jsonb reorders object keys, so compare canonical JSON.
        return canonical(comparable) === canonical(want) && causeOk
          ? []
          : [`${testCase.name}: want ${canonical(want)} got ${canonical(got)}`];
      });
      expect(mismatches).toEqual([]);
    }, 600_000);

    it('runs a case in immediate mode and answers with its output', async () => {
      const testCase = ASL_CONFORMANCE_CASES.find((c) => c.name === 'pass: chain of passes runs in order')!;
      const created = await owner.post('/api/workflows', {
        name: 'immediate',
        format: 'asl',
        definition: testCase.definition,
      });
      const started = await owner.post(`/api/workflows/${created.body.id}/execute`, { input: {}, mode: 'immediate' });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ status: 'completed', mode: 'immediate', output: { a: 1, b: 2, c: 3 } });
      const execution = await owner.get(`/api/executions/${started.body.executionId}`);
      expect(execution.body.steps.map((s: { stepId: string; status: string }) => [s.stepId, s.status])).toEqual([
        ['1.A', 'completed'],
        ['2.B', 'completed'],
        ['3.C', 'completed'],
      ]);
    });

    it('runs a Type STANDARD machine standard and a Type EXPRESS one express; options.durability wins', async () => {
      const durabilityOf = async (type: string, options: Record<string, unknown> = {}) => {
        const definition = { Type: type, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
        const created = await owner.post('/api/workflows', { name: `type ${type}`, format: 'asl', definition });
        expect(created.status).toBe(201);
        const started = await owner.post(`/api/workflows/${created.body.id}/execute`, {
          input: {},
          mode: 'immediate',
          ...options,
        });
        expect(started.body).toMatchObject({ status: 'completed' });
        return started.body.durability as string;
      };
      expect(await durabilityOf('STANDARD')).toBe('standard');
      expect(await durabilityOf('EXPRESS')).toBe('express');
      expect(await durabilityOf('STANDARD', { options: { durability: 'express' } })).toBe('express');
    });

    it('refuses to run an invalid state machine with 400 naming the field', async () => {
      const definition = {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', End: true, Choices: [{ Variable: '$.v', IsNull: true, Next: 'A' }] },
          A: { Type: 'Pass', End: true },
        },
      };
      const created = await owner.post('/api/workflows', { name: 'invalid asl', format: 'asl', definition });
      const response =
        created.status === 201
          ? await owner.post(`/api/workflows/${created.body.id}/execute`, { mode: 'queued' })
          : created;
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('States.C.End');
    });
  });
}
