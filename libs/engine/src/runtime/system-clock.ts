import { Clock, type CancelTimer } from '../ports/clock.port.js';

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, callback: () => void): CancelTimer {
    // Node clamps setTimeout(0) to 1 ms: an immediate run would wait that long between every
    // two steps. Due-now work runs on the next turn of the event loop instead (as FakeClock does).
    if (delayMs <= 0) {
      const immediate = setImmediate(callback);
      return () => clearImmediate(immediate);
    }
    const handle = setTimeout(callback, delayMs);
    return () => clearTimeout(handle);
  }
}
