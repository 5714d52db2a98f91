/** Cancels a timer set with `Clock.setTimer`. */
export type CancelTimer = () => void;

/** Time and in-process timers, injectable so tests drive time instead of sleeping. */
export abstract class Clock {
  /** Milliseconds since the epoch. */
  abstract now(): number;
  /** Calls `callback` once after `delayMs`; used for node timeouts and in-process jobs only. */
  abstract setTimer(delayMs: number, callback: () => void): CancelTimer;
}
