import { availableParallelism } from 'node:os';

/**
 * Bounds how many code sandboxes (worker threads) run at once in this process: a loop of a
 * thousand code.run steps queues here instead of starting a thousand workers. A waiting step has
 * not started its CPU time; cancelling it while it waits gives up its place.
 */
export class SandboxSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  async run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const take = () => {
        signal.removeEventListener('abort', leave);
        this.running++;
        resolve();
      };
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        reject(signal.reason);
      };
      this.waiting.push(take);
      signal.addEventListener('abort', leave, { once: true });
    });
  }
}

// Two per core: guest code is CPU-bound, and each worker holds its own WebAssembly heap.
export const sandboxSlots = new SandboxSlots(Math.max(2, availableParallelism() * 2));
