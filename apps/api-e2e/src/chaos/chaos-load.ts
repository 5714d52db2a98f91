import { randomUUID } from 'node:crypto';
import type { TestApiClient } from '../support/api-client';
import { type ChaosWorkflows, type RunKind, runInput } from './chaos-workflows';

/** How many runs of each kind one scenario starts: 200 in all, the issue's minimum. */
export const LOAD_MIX: Record<RunKind, number> = { express: 50, standard: 100, rejected: 10, map: 40 };

/**
 * One start request and what became of it:
 * - `acknowledged`: 201 with an execution id (the caller was promised the run);
 * - `refused`: the server answered something else, or nobody listened (ECONNREFUSED): no promise;
 * - `broken`: the connection died before an answer (the process was killed while it handled it).
 */
export interface StartAttempt {
  kind: RunKind;
  runKey: string;
  input: Record<string, unknown>;
  outcome: 'acknowledged' | 'refused' | 'broken' | 'pending';
  executionId?: string;
  /** The durability the start answered (`express` runs may have turned `standard`). */
  durability?: string;
  detail?: string;
}

export interface LoadOptions {
  /** The API to send the next start to (changes when a process is replaced). */
  target: () => TestApiClient;
  /** Starts in flight at once. */
  concurrency: number;
  /** Most starts per second over all lanes, so the load spans the fault. */
  perSecond: number;
}

/**
 * Starts the mix in a shuffled order until every kind has its count acknowledged. A refused start
 * is not retried under the same key (the API has no start idempotency): a new run replaces it after
 * a short pause, so a fault in the middle does not shrink the load.
 */
export class ChaosLoad {
  readonly attempts: StartAttempt[] = [];
  private readonly owed: Record<RunKind, number>;
  private sequence = 0;

  constructor(
    private readonly workflows: ChaosWorkflows,
    private readonly options: LoadOptions,
  ) {
    this.owed = { ...LOAD_MIX };
  }

  acknowledged(): number {
    return this.attempts.filter((a) => a.outcome === 'acknowledged').length;
  }

  /** Resolves when the whole mix is acknowledged, or rejects when `deadlineMs` passes first. */
  async run(deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    const gapMs = (1000 * this.options.concurrency) / this.options.perSecond;
    const lane = async () => {
      for (let kind = this.nextKind(); kind; kind = this.nextKind()) {
        if (Date.now() > deadline)
          throw new Error(`chaos load: mix not acknowledged within ${deadlineMs} ms: ${this.summary()}`);
        const began = Date.now();
        const attempt = await this.start(kind);
        if (attempt.outcome !== 'acknowledged') this.owed[kind]++;
        const pause = attempt.outcome === 'acknowledged' ? gapMs - (Date.now() - began) : 250;
        if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, lane));
  }

  /** Starts sent and not answered yet. */
  inFlight(): StartAttempt[] {
    return this.attempts.filter((a) => a.outcome === 'pending');
  }

  /** Outcome counts and the last refusals, for a failure message. */
  summary(): string {
    const counts = new Map<string, number>();
    for (const a of this.attempts) counts.set(a.outcome, (counts.get(a.outcome) ?? 0) + 1);
    const last = this.attempts.filter((a) => a.outcome !== 'acknowledged').slice(-3);
    return `${JSON.stringify(Object.fromEntries(counts))}; last refusals: ${last.map((a) => `${a.kind} ${a.detail}`).join(' | ')}`;
  }

  /** A kind still owed, spread evenly (weighted by what is left) so every phase of the run sees the mix. */
  private nextKind(): RunKind | undefined {
    const kinds = (Object.keys(this.owed) as RunKind[]).filter((k) => this.owed[k] > 0);
    if (!kinds.length) return undefined;
    const total = kinds.reduce((sum, k) => sum + this.owed[k], 0);
    let pick = (this.sequence++ * 7919) % total;
    for (const kind of kinds) {
      if (pick < this.owed[kind]) {
        this.owed[kind]--;
        return kind;
      }
      pick -= this.owed[kind];
    }
    return undefined;
  }

  private async start(kind: RunKind): Promise<StartAttempt> {
    const runKey = randomUUID();
    const input = runInput(kind, runKey, this.attempts.length);
    const attempt: StartAttempt = { kind, runKey, input, outcome: 'pending' };
    this.attempts.push(attempt);
    try {
      const answer = await this.options
        .target()
        .post(`/api/workflows/${this.workflows.ids[kind]}/execute`, this.workflows.startBody(kind, input));
      if (answer.status === 201) {
        attempt.outcome = 'acknowledged';
        attempt.executionId = answer.body.executionId;
        attempt.durability = answer.body.durability;
      } else {
        attempt.outcome = 'refused';
        attempt.detail = `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
      }
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      attempt.outcome = code === 'ECONNREFUSED' ? 'refused' : 'broken';
      attempt.detail = code ?? String(error);
    }
    return attempt;
  }
}
