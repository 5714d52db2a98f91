import type { DataSource } from 'typeorm';

export type StepLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One `ctx.log` line of one step attempt, already bounded and cleaned by its writer. */
export interface StepLogRecord {
  executionId: string;
  stepId: string;
  attempt: number;
  level: StepLogLevel;
  message: string;
  data?: unknown;
  loggedAt: Date;
}

interface StepLogRow {
  execution_id: string;
  step_id: string;
  attempt: number;
  level: StepLogLevel;
  message: string;
  data: unknown;
  logged_at: Date | string;
}

/** Most lines one read answers: the lines of the attempts asked about, oldest first. */
export const MAX_STEP_LOG_LINES_PER_READ = 10_000;

/** The step logs table: written once per attempt, read by the attempts an events page ended. */
export class StepLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one attempt's lines in one statement. */
  async append(lines: StepLogRecord[]): Promise<void> {
    if (!lines.length) return;
    await this.dataSource.query(
      `INSERT INTO step_logs (execution_id, step_id, attempt, level, message, data, logged_at)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::varchar[], $5::varchar[], $6::jsonb[], $7::timestamptz[])`,
      [
        lines.map((l) => l.executionId),
        lines.map((l) => l.stepId),
        lines.map((l) => l.attempt),
        lines.map((l) => l.level),
        lines.map((l) => l.message),
        lines.map((l) => (l.data === undefined ? null : JSON.stringify(l.data))),
        lines.map((l) => l.loggedAt.toISOString()),
      ],
    );
  }

  /** The lines of these attempts of one execution, in the order they were written. */
  async findForAttempts(
    executionId: string,
    attempts: Array<{ stepId: string; attempt: number }>,
  ): Promise<StepLogRecord[]> {
    if (!attempts.length) return [];
    const rows: StepLogRow[] = await this.dataSource.query(
      `SELECT l.execution_id, l.step_id, l.attempt, l.level, l.message, l.data, l.logged_at
         FROM step_logs l
         JOIN unnest($2::varchar[], $3::int[]) AS a(step_id, attempt)
           ON a.step_id = l.step_id AND a.attempt = l.attempt
        WHERE l.execution_id = $1
        ORDER BY l.id
        LIMIT ${MAX_STEP_LOG_LINES_PER_READ}`,
      [executionId, attempts.map((a) => a.stepId), attempts.map((a) => a.attempt)],
    );
    return rows.map((row) => ({
      executionId: row.execution_id,
      stepId: row.step_id,
      attempt: row.attempt,
      level: row.level,
      message: row.message,
      ...(row.data === null || row.data === undefined ? {} : { data: row.data }),
      loggedAt: new Date(row.logged_at),
    }));
  }
}
