import { describe, expect, it } from '@jest/globals';
import { parseListenStatements } from './parse-listen-statements';

describe('parseListenStatements', () => {
  it('folds unquoted channels to lower case and keeps quoted ones, with doubled quotes', () => {
    expect(parseListenStatements('LISTEN Bullmq_Jobs')).toEqual([{ kind: 'listen', channel: 'bullmq_jobs' }]);
    expect(parseListenStatements('listen "Baton#Live ""x"""')).toEqual([{ kind: 'listen', channel: 'Baton#Live "x"' }]);
  });

  it('reads every statement of a multi-statement query, in order, including UNLISTEN *', () => {
    expect(parseListenStatements('LISTEN a; SELECT 1;\n UNLISTEN "B" ;unlisten *;')).toEqual([
      { kind: 'listen', channel: 'a' },
      { kind: 'unlisten', channel: 'B' },
      { kind: 'unlisten-all' },
    ]);
  });

  it('ignores LISTEN inside strings, comments, dollar quotes and other statements', () => {
    const sql = [
      "SELECT 'LISTEN a; LISTEN b'",
      "SELECT E'it\\'s; LISTEN c'",
      '/* LISTEN d; /* nested */ LISTEN e; */ SELECT 1',
      '-- LISTEN f;\nSELECT 2',
      'DO $body$ BEGIN EXECUTE $$LISTEN g$$; END $body$',
      'SELECT pg_notify($1, $2)',
      'CREATE TABLE listen_log (id int)',
    ].join('; ');
    expect(parseListenStatements(sql)).toEqual([]);
  });

  it('accepts comments around the statement itself', () => {
    expect(parseListenStatements('/* wake */ LISTEN jobs -- workers\n')).toEqual([{ kind: 'listen', channel: 'jobs' }]);
  });

  it('truncates channels to 63 bytes like PostgreSQL does', () => {
    expect(parseListenStatements(`LISTEN ${'x'.repeat(70)}`)).toEqual([{ kind: 'listen', channel: 'x'.repeat(63) }]);
  });
});
