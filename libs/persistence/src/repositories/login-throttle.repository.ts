import type { DataSource } from 'typeorm';

/** Failed sign-in counters (fixed windows) keyed by `account:<email>` or `address:<ip>`. */
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The failures counted for each key in its current window (keys without one are left out). */
  async currentFailures(
    keys: string[],
    windowStartedAfter: Date,
  ): Promise<Array<{ key: string; failures: number; windowStartedAt: Date }>> {
    return this.dataSource.query(
      `SELECT key, failures, window_started_at AS "windowStartedAt" FROM login_failures
       WHERE key = ANY($1) AND window_started_at > $2`,
      [keys, windowStartedAfter],
    );
  }

  /** Counts one failure for each key, starting a new window where the old one has passed. */
  async recordFailure(keys: string[], now: Date, windowStartedAfter: Date): Promise<void> {
    for (const key of keys) {
      await this.dataSource.query(
        `INSERT INTO login_failures (key, failures, window_started_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_failures.window_started_at > $3 THEN login_failures.failures + 1 ELSE 1 END,
           window_started_at = CASE WHEN login_failures.window_started_at > $3 THEN login_failures.window_started_at ELSE $2 END`,
        [key, now, windowStartedAfter],
      );
    }
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
