import { PayloadFreeLogger } from './payload-free-logger';

describe('PayloadFreeLogger', () => {
  it('logs a failed query by its SQL text and error class, never its parameters or the quoted value', () => {
    const lines: string[] = [];
    const logger = new PayloadFreeLogger(false, (line) => lines.push(line));
    const error = Object.assign(new Error('invalid input syntax for type json: "sk_live_SECRET"'), {
      code: '22P02',
      table: 'executions',
    });
    logger.logQueryError(error, 'INSERT INTO executions (input) VALUES ($1)', [{ apiKey: 'sk_live_SECRET' }]);
    logger.logQuery('SELECT 1', ['sk_live_SECRET']);
    expect(lines).toEqual([
      '[sql] query failed (SQLSTATE 22P02, table executions): INSERT INTO executions (input) VALUES ($1)',
    ]);
    expect(lines.join('\n')).not.toContain('SECRET');
  });
});
