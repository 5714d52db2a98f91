import { beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { eventually, type TestApiClient } from '../support/api-client';
import type { EmbeddedOwnerBaton } from '../support/embedded-owner-baton';
import { edge, node } from '../support/graphs';

interface LogEntry {
  sequence: number;
  type: string;
  stepId?: string;
  attempt?: number;
  logs?: Array<{ level: string; message: string; data?: unknown; timestamp: string }>;
}

/**
 * Issue 12, item 7: what nodes log through ctx.log is stored per step attempt and answered by
 * GET /api/executions/:id/logs beside the events. Runs on the catalogue suite's Baton.
 */
export function describeStepLogs(appOf: () => EmbeddedOwnerBaton): void {
  describe('step logs that last', () => {
    let owner: TestApiClient;
    let executionId: string;
    let entries: LogEntry[];

    beforeAll(async () => {
      owner = appOf().owner;
      // util.log logs once; code.run logs on each of its two attempts, each stopped by the node
      // timeout (NODE_TIMEOUT is retryable; 2 s leaves a busy machine time to start the sandbox).
      const code = 'function (input) { console.log("trying", input.id); while (true) {} }';
      const definition = {
        nodes: [
          node('start', 'trigger.manual'),
          node('note', 'util.log', { message: 'order {{ id }} received', level: 'warn' }, 200),
          {
            ...node('code', 'code.run', { code, timeoutMs: 5000 }, 400),
            data: {
              inputs: { code, timeoutMs: 5000 },
              timeoutMs: 2000,
              retry: { maxAttempts: 2, initialIntervalMs: 10 },
            },
          },
        ],
        edges: [edge('start', 'note'), edge('note', 'code')],
      };
      const run = await owner.post('/api/workflows/run', {
        format: 'graph',
        definition,
        input: { id: 7 },
        mode: 'immediate',
      });
      expect(run.body).toMatchObject({ status: 'failed' });
      executionId = run.body.executionId;
      // An attempt's lines are written when its run settles, which may follow the timeout's commit.
      entries = await eventually(async () => {
        const body: LogEntry[] = (await owner.get(`/api/executions/${executionId}/logs`)).body;
        return body.flatMap((e) => e.logs ?? []).length === 3 ? body : undefined;
      });
    });

    it('answers each attempt’s lines on the event that ended it; events stay as they were', () => {
      const ended = (type: string, stepId: string) => entries.find((e) => e.type === type && e.stepId === stepId)!;
      expect(ended('step_completed', 'note')).toMatchObject({
        attempt: 1,
        logs: [{ level: 'warn', message: 'order 7 received', data: { data: { id: 7 } } }],
      });
      expect(ended('step_retrying', 'code')).toMatchObject({ attempt: 1, logs: [{ level: 'info' }] });
      expect(ended('step_retrying', 'code').logs?.[0].message).toContain('trying');
      expect(ended('step_failed', 'code')).toMatchObject({ attempt: 2, logs: [{ level: 'info' }] });
      expect(entries.filter((e) => e.logs).map((e) => `${e.stepId}#${e.attempt}`)).toEqual([
        'note#1',
        'code#1',
        'code#2',
      ]);
      expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => i + 1));
    });

    it('pages with afterSequence: the lines of attempts ended before it are not repeated', async () => {
      const retrying = entries.find((e) => e.type === 'step_retrying')!;
      const later: LogEntry[] = (
        await owner.get(`/api/executions/${executionId}/logs?afterSequence=${retrying.sequence}`)
      ).body;
      expect(later.filter((e) => e.logs).map((e) => `${e.stepId}#${e.attempt}`)).toEqual(['code#2']);
    });

    it('keeps the lines in the database, per attempt, and removes them with their execution', async () => {
      const db = appOf().baton.app.get(DataSource);
      const rows: Array<{ step_id: string; attempt: number }> = await db.query(
        'SELECT step_id, attempt FROM step_logs WHERE execution_id = $1 ORDER BY id',
        [executionId],
      );
      expect(rows.map((r) => `${r.step_id}#${r.attempt}`)).toEqual(['note#1', 'code#1', 'code#2']);
      await db.query('DELETE FROM executions WHERE id = $1', [executionId]);
      expect(await db.query('SELECT 1 FROM step_logs WHERE execution_id = $1', [executionId])).toEqual([]);
    });
  });
}
