import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/**
 * TypeORM's own loggers print a failing query's parameters (whole definitions, execution inputs,
 * secrets) and PostgreSQL's message (which quotes the offending value). This one logs what an
 * operator needs to find the fault, the SQL text and the error's class and location, and never a value.
 */
export class PayloadFreeLogger implements TypeOrmLogger {
  constructor(
    private readonly logStatements: boolean,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (this.logStatements) this.write(`[sql] ${shorten(query)}`);
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    const e = (typeof error === 'string' ? {} : error) as {
      code?: string;
      table?: string;
      column?: string;
      constraint?: string;
    };
    const where = [
      e.table && `table ${e.table}`,
      e.column && `column ${e.column}`,
      e.constraint && `constraint ${e.constraint}`,
    ]
      .filter(Boolean)
      .join(', ');
    this.write(`[sql] query failed (SQLSTATE ${e.code ?? 'unknown'}${where ? `, ${where}` : ''}): ${shorten(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.write(`[sql] slow query (${time} ms): ${shorten(query)}`);
  }

  logSchemaBuild(message: string): void {
    if (this.logStatements) this.write(`[sql] ${message}`);
  }

  logMigration(message: string): void {
    if (this.logStatements) this.write(`[sql] ${message}`);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn' || this.logStatements) this.write(`[sql] ${String(message)}`);
  }
}

const shorten = (query: string) => query.replace(/\s+/g, ' ').slice(0, 500);
