import { TaskTokenStore, type TaskTokenRecord } from '../ports/task-token-store.port.js';

/** Task tokens in memory, for the engine's tests and the in-memory conformance runner. */
export class InMemoryTaskTokenStore extends TaskTokenStore {
  readonly records: TaskTokenRecord[] = [];
  private readonly delivered = new Set<string>();

  async register(record: TaskTokenRecord): Promise<void> {
    this.records.push(structuredClone(record));
  }

  findByHash(tokenHash: string): TaskTokenRecord | undefined {
    return this.records.find((r) => r.tokenHash === tokenHash);
  }

  /** The oldest undelivered task of an activity (what a worker's poll gets), marked delivered. */
  claimActivityTask(activity: string): TaskTokenRecord | undefined {
    const record = this.records.find((r) => r.activity === activity && !this.delivered.has(r.tokenHash));
    if (record) this.delivered.add(record.tokenHash);
    return record;
  }
}
