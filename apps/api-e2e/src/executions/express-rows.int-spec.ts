import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { type CountingServer, startCountingServer } from '../crash/counting-server';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { edge, node } from '../support/graphs';

/** How long the outside call keeps each run in flight, so the journal can be read meanwhile. */
const CALL_MS = 1_000;

const callingGraph = (serverUrl: string) => ({
  nodes: [
    node('start', 'trigger.manual', {}, 0),
    node('prepare', 'data.transform', { expression: '{ "n": n * 2 }' }, 200),
    node('call', 'http.request', { url: `${serverUrl}/call`, method: 'POST', body: { n: '{{ n }}' } }, 400),
    node('done', 'data.transform', { expression: '{ "n": body.n, "step": body.step }' }, 600),
  ],
  edges: [edge('start', 'prepare'), edge('prepare', 'call'), edge('call', 'done')],
});

/**
 * Issue 10: an express run writes its rows only when it ends, and they match the rows a standard
 * run of the same definition writes step by step (same steps, outputs, attempts and history).
 */
describe.each<TierName>(['embedded', 'redis'])('express and standard rows (%s tier)', (tier) => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let server: CountingServer;
  let db: DataSource;

  beforeAll(async () => {
    environment = await prepareTier(tier);
    server = await startCountingServer(CALL_MS);
    baton = await startInProcessBaton(environment.env);
    db = baton.app.get(DataSource);
    owner = await setUpOwner(new TestApiClient(baton.url));
  });

  afterAll(async () => {
    await baton?.close();
    await server?.close();
    await environment?.cleanup();
  });

  /** Runs the workflow in immediate mode; returns what the journal held while its call was in flight, and its id. */
  async function runWhileWatching(workflowId: string, durability: 'express' | 'standard') {
    const calls = server.requests.length;
    const started = owner.post(`/api/workflows/${workflowId}/execute`, {
      input: { n: 4 },
      mode: 'immediate',
      options: { durability },
    });
    await eventually(async () => server.requests.length > calls && server.inFlight() > 0, 10_000, 10);
    const during = await db.query(
      `SELECT e.status, (SELECT array_agg(s.step_id || ':' || s.status ORDER BY s.step_id) FROM execution_steps s WHERE s.execution_id = e.id) AS steps
       FROM executions e WHERE e.workflow_id = $1`,
      [workflowId],
    );
    const response = await started;
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'completed', durability, output: { n: 8, step: 'call' } });
    return { during, executionId: response.body.executionId as string };
  }

  async function rowsOf(executionId: string) {
    const [execution] = await db.query(
      `SELECT workflow_id, format, definition, input, output, status, mode, durability, trigger, error, cause, last_sequence,
              started_at IS NOT NULL AS started, ended_at IS NOT NULL AS ended
       FROM executions WHERE id = $1`,
      [executionId],
    );
    const steps = await db.query(
      // The outside server's Date header is the only part of an output that depends on when it ran.
      `SELECT step_id, node_id, status, attempt, attempt_offset, input #- '{headers,date}' AS input,
              output #- '{headers,date}' AS output, error, handles, queued, wake_at,
              started_at IS NOT NULL AS started, ended_at IS NOT NULL AS ended
       FROM execution_steps WHERE execution_id = $1 ORDER BY step_id`,
      [executionId],
    );
    const events = await db.query(
      `SELECT sequence, type, step_id, attempt FROM execution_events WHERE execution_id = $1 ORDER BY sequence`,
      [executionId],
    );
    return { execution, steps, events };
  }

  it('writes an express run only at its end, with the rows a standard run writes step by step', async () => {
    const created = await owner.post('/api/workflows', {
      name: 'Rows',
      format: 'graph',
      definition: callingGraph(server.url),
    });
    expect(created.status).toBe(201);
    const workflowId: string = created.body.id;

    const express = await runWhileWatching(workflowId, 'express');
    // Nothing of the express run is in the journal while it runs.
    expect(express.during).toEqual([]);

    const standard = await runWhileWatching(workflowId, 'standard');
    // The standard run is written as it goes: its first steps are committed before the call ends.
    expect(standard.during).toContainEqual({
      status: 'running',
      steps: ['call:running', 'done:pending', 'prepare:completed', 'start:completed'],
    });

    const expressRows = await rowsOf(express.executionId);
    const standardRows = await rowsOf(standard.executionId);
    expect(expressRows.execution).toMatchObject({
      durability: 'express',
      status: 'completed',
      started: true,
      ended: true,
    });
    expect(standardRows.execution.durability).toBe('standard');
    expect({ ...expressRows.execution, durability: null }).toEqual({ ...standardRows.execution, durability: null });
    expect(expressRows.steps).toEqual(standardRows.steps);
    expect(expressRows.steps.map((s: { step_id: string; status: string }) => `${s.step_id}:${s.status}`)).toEqual([
      'call:completed',
      'done:completed',
      'prepare:completed',
      'start:completed',
    ]);
    expect(expressRows.events).toEqual(standardRows.events);
    expect(expressRows.events.map((e: { sequence: number }) => e.sequence)).toEqual(
      expressRows.events.map((_: unknown, i: number) => i + 1),
    );
  }, 60_000);
});
