import { type CancelTimer, Clock } from '../ports/clock.port.js';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock that moves only when told. Zero-delay timers run on the next macrotask (so queued
 * work proceeds by itself); later timers fire when `advanceTo` passes their time.
 */
export class FakeClock extends Clock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start: number | Date = Date.UTC(2025, 0, 1)) {
    super();
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): CancelTimer {
    if (delayMs <= 0) {
      const handle = setImmediate(callback);
      return () => clearImmediate(handle);
    }
    const timer = { at: this.current + delayMs, seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Time of the earliest pending timer, or null. */
  nextTimerAt(): number | null {
    return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : null;
  }

  /** Pending timers' due times, for assertions such as "a retry is parked for 2000 ms". */
  pendingTimers(): number[] {
    return this.timers.map((t) => t.at - this.current).sort((a, b) => a - b);
  }

  /** Moves to `time`, firing every timer due by then in due order. */
  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= time).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = Math.max(this.current, time);
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
