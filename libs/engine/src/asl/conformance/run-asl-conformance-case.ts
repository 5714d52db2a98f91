import { externalWaitOf } from '../../engine/external-wait.js';
import type { ExternalOutcome } from '../../engine/external-wait.js';
import { hashTaskToken } from '../runtime/task-token.js';
import { type AslConformanceCase, type TokenAnswer, withChildWorkflows } from './asl-conformance-case.js';
import type { AslTestEngine } from './create-asl-test-engine.js';

// Longest a case may take in fake time: retries with back-off and waits fit well inside.
const MAX_FAKE_TIME_MS = 24 * 3600 * 1000;

/** Runs a case in the in-memory engine and returns what the REST API would show of the result. */
export async function runAslConformanceCase(
  t: AslTestEngine,
  testCase: AslConformanceCase,
  definition = testCase.definition,
  stubUrl?: string,
) {
  const activity = `activity-${Math.random().toString(36).slice(2)}`;
  const saved = Object.fromEntries(
    Object.entries(testCase.children ?? {}).map(([key, child]) => [key, t.childWorkflows.save('asl', child)]),
  );
  const machine = withChildWorkflows(
    JSON.parse(JSON.stringify(definition).replaceAll('{{ACTIVITY}}', activity)) as Record<string, unknown>,
    saved,
  );
  const { executionId } = await t.engine.start({
    format: 'asl',
    definition: machine,
    input: 'input' in testCase ? testCase.input : {},
    mode: 'queued',
  });
  await t.settle();
  const answered = new Set<string>();
  for (let turn = 0; turn < 1000; turn++) {
    const { execution } = await t.snapshot(executionId);
    if (['completed', 'failed', 'cancelled'].includes(execution.status)) break;
    if (testCase.answers && (await answerTokens(t, testCase, executionId, activity, answered, stubUrl))) continue;
    const next = t.clock.nextTimerAt();
    // A child's end answers its parent from the end hook, after the jobs went quiet.
    if (next === null && testCase.children && (await childAnswered(t, executionId))) continue;
    if (next === null || next - t.clock.now() > MAX_FAKE_TIME_MS) break;
    await t.advance(next - t.clock.now());
  }
  const snapshot = await t.snapshot(executionId);
  const { status, output, error, cause } = snapshot.execution;
  return { executionId, status, output, error, cause, steps: snapshot.steps };
}

/** Waits (real time, bounded) for a parent parked on a child to be answered by the child's end. */
async function childAnswered(t: AslTestEngine, executionId: string): Promise<boolean> {
  const open = async () => {
    const { execution, steps } = await t.snapshot(executionId);
    return execution.status === 'running' && steps.some((s) => s.status === 'running' && externalWaitOf(s)?.child);
  };
  for (let i = 0; i < 200 && (await open()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await t.settle();
  return !(await open());
}

/** Plays the outside party: finds parked steps' tokens (stub or activity poll) and answers them. */
async function answerTokens(
  t: AslTestEngine,
  testCase: AslConformanceCase,
  executionId: string,
  activity: string,
  answered: Set<string>,
  stubUrl?: string,
): Promise<boolean> {
  const { steps } = await t.snapshot(executionId);
  let acted = false;
  for (const step of steps) {
    const wait = step.status === 'running' ? externalWaitOf(step) : null;
    if (!wait || answered.has(wait.tokenHash)) continue;
    let token: string | null = null;
    let input: unknown = null;
    if (testCase.needs === 'activity') {
      const task = t.taskTokens.claimActivityTask(activity);
      token = task?.token ?? null;
      input = task?.input ?? null;
    } else {
      const response = await fetch(`${stubUrl}/__lambda/tokens/${encodeURIComponent(executionId)}`);
      token = response.ok ? ((await response.json()) as { token: string }).token : null;
    }
    if (!token) continue;
    const record = t.taskTokens.findByHash(hashTaskToken(token))!;
    const answer = testCase.answers![Math.min(answered.size, testCase.answers!.length - 1)];
    answered.add(record.tokenHash);
    acted = true;
    const ref = { executionId, stepId: record.stepId, attempt: record.attempt, tokenHash: record.tokenHash };
    if ('heartbeats' in answer) {
      for (let i = 0; i < answer.heartbeats; i++) {
        await t.advance(answer.everyMs);
        await t.engine.completeExternalStep(ref, { kind: 'heartbeat' });
      }
    }
    const outcome = outcomeOf(answer, input);
    if (outcome) await t.engine.completeExternalStep(ref, outcome);
    await t.settle();
  }
  return acted;
}

export function outcomeOf(answer: TokenAnswer, input: unknown): ExternalOutcome | null {
  if ('success' in answer) return { kind: 'success', output: answer.success };
  if ('echoInput' in answer) return { kind: 'success', output: input };
  if ('failure' in answer) return { kind: 'failure', ...answer.failure };
  if ('heartbeats' in answer) return { kind: 'success', output: answer.then.success };
  return null;
}
