import { Clock, type CancelTimer } from '../ports/clock.port.js';

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, callback: () => void): CancelTimer {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(handle);
  }
}
