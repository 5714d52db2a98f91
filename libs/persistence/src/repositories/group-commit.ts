/**
 * Group commit: writes handed in while one batch is being written wait and go together in the
 * next one, so N concurrent callers cost about one round trip per batch instead of N. An idle
 * store writes a lone item at once (no added latency). When a batch fails, its items are
 * written one by one, so each caller gets its own outcome (one duplicate does not fail others).
 */
export class GroupCommit<T> {
  private queue: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<void>,
    private readonly maxBatch = 200,
  ) {}

  write(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.writeBatch(batch.map((entry) => entry.item));
          for (const entry of batch) entry.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          else for (const entry of batch) await this.writeBatch([entry.item]).then(entry.resolve, entry.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
