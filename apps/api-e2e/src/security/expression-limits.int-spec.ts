import { startEmbeddedOwnerBaton, type EmbeddedOwnerBaton } from '../support/embedded-owner-baton';

// Issue 11 (High 2): a runaway JSONata expression must fail with EXPRESSION_LIMIT and must not
// freeze the process that evaluates it; other requests keep being answered meanwhile.
const RECURSIVE = '($f := function($n) { $f($n + 1) }; $f(0))';
const SPIN = '($loop := function($n) { $n > 0 ? $loop($n - 1) : 0 }; [1..100000] ~> $map(function($i) { $loop(300) }))';

const runawayGraph = (expression: string) => ({
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
    { id: 'spin', type: 'data.transform', position: { x: 200, y: 0 }, data: { inputs: { expression } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'spin', sourceHandle: 'out', targetHandle: 'in' }],
});

describe('expression limits (embedded tier)', () => {
  let app: EmbeddedOwnerBaton;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Runs `work` while timing /api/health calls made one after another; returns their latencies. */
  async function healthLatenciesDuring(work: Promise<unknown>): Promise<number[]> {
    let done = false;
    void work.finally(() => (done = true)).catch(() => undefined);
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${app.baton.url}/api/health`);
      await response.text();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return latencies;
  }

  it('fails a recursive expression with EXPRESSION_LIMIT while /api/health keeps answering', async () => {
    const run = app.owner.post('/api/workflows/run', {
      format: 'graph',
      definition: runawayGraph(RECURSIVE),
      mode: 'immediate',
    });
    const latencies = await healthLatenciesDuring(run);
    const response = await run;
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'failed', error: 'EXPRESSION_LIMIT' });
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(100);
    // Not retried: the one step ran one attempt.
    const execution = await app.owner.get(`/api/executions/${response.body.executionId}`);
    const spin = execution.body.steps.find((s: { nodeId: string }) => s.nodeId === 'spin');
    expect(spin).toMatchObject({ status: 'failed', attempt: 1 });
  });

  it('stops a long-running expression at its time budget with the loop still turning', async () => {
    const run = app.owner.post('/api/workflows/run', {
      format: 'graph',
      definition: runawayGraph(SPIN),
      mode: 'immediate',
    });
    const latencies = await healthLatenciesDuring(run);
    expect((await run).body).toMatchObject({ status: 'failed', error: 'EXPRESSION_LIMIT' });
    expect(Math.max(...latencies)).toBeLessThan(100);
  });

  it('fails an ASL JSONata state over the limits with States.Runtime, which no Catch takes', async () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'Spin',
      States: {
        Spin: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Recurse',
              States: { Recurse: { Type: 'Pass', Output: `{% ${RECURSIVE} %}`, End: true } },
            },
          ],
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    };
    const response = await app.owner.post('/api/workflows/run', {
      format: 'asl',
      definition: machine,
      mode: 'immediate',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'failed', error: 'States.Runtime' });
    expect(String(response.body.cause)).toContain('EXPRESSION_LIMIT');
  });
});
