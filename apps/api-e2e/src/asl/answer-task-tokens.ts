import type { AslConformanceCase, TokenAnswer } from '@baton/engine';
import type { TestApiClient } from '../support/api-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outside party of callback and activity cases, over the REST API: takes each task token
 * (from the Lambda stub's `remember` function, or by long-polling the activity like a worker)
 * and answers it with the case's `answers` in order (the last one repeats).
 */
export function answerTaskTokens(options: {
  client: TestApiClient;
  stubUrl: string;
  testCase: AslConformanceCase;
  executionId: string;
  activity: string;
}) {
  const { client, stubUrl, testCase, executionId, activity } = options;
  let stopped = false;
  const answered = new Set<string>();
  const takeToken = async (): Promise<{ token: string; input: unknown } | null> => {
    if (testCase.needs === 'activity') {
      const polled = await client.post(`/api/activities/${activity}/poll`, { waitSeconds: 1 });
      if (polled.status !== 200) throw new Error(`poll answered ${polled.status}: ${JSON.stringify(polled.body)}`);
      return polled.body ? { token: polled.body.taskToken, input: polled.body.input } : null;
    }
    const response = await fetch(`${stubUrl}/__lambda/tokens/${encodeURIComponent(executionId)}`);
    const token = response.ok ? ((await response.json()) as { token: string }).token : null;
    if (!token || answered.has(token)) {
      await sleep(100);
      return null;
    }
    return { token, input: null };
  };
  const answer = async (token: string, input: unknown, reply: TokenAnswer) => {
    const at = `/api/task-tokens/${token}`;
    if ('heartbeats' in reply) {
      for (let i = 0; i < reply.heartbeats; i++) {
        await sleep(reply.everyMs);
        await client.post(`${at}/heartbeat`, {});
      }
      await client.post(`${at}/success`, { output: reply.then.success });
    } else if ('success' in reply) await client.post(`${at}/success`, { output: reply.success });
    else if ('echoInput' in reply) await client.post(`${at}/success`, { output: input });
    else if ('failure' in reply) await client.post(`${at}/failure`, reply.failure);
  };
  const finished = (async () => {
    const answers = testCase.answers ?? [];
    while (!stopped) {
      const task = await takeToken();
      if (!task) continue;
      const reply = answers[Math.min(answered.size, answers.length - 1)];
      answered.add(task.token);
      await answer(task.token, task.input, reply);
    }
  })();
  return { finished, stop: () => void (stopped = true) };
}
