/** What a LISTEN / UNLISTEN statement does to its connection's subscriptions. */
export type ListenEffect =
  { kind: 'listen'; channel: string } | { kind: 'unlisten'; channel: string } | { kind: 'unlisten-all' };

// PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes, and NOTIFY reports the truncated name.
const MAX_IDENTIFIER_BYTES = 63;
const IDENTIFIER = String.raw`"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*`;
const LISTEN_STATEMENT = new RegExp(String.raw`^(LISTEN|UNLISTEN)\s+(${IDENTIFIER}|\*)$`, 'i');

/**
 * The LISTEN / UNLISTEN statements in a query text (one simple-protocol Query may hold several
 * statements), in order. Anything else is ignored, including text inside strings and comments.
 */
export function parseListenStatements(sql: string): ListenEffect[] {
  // Nearly every query is not a LISTEN: skip the scan for them.
  if (!/listen/i.test(sql)) return [];
  const effects: ListenEffect[] = [];
  for (const statement of splitStatements(sql)) {
    const match = LISTEN_STATEMENT.exec(statement);
    if (!match) continue;
    const verb = match[1].toUpperCase();
    const target = match[2];
    if (target === '*') {
      if (verb === 'UNLISTEN') effects.push({ kind: 'unlisten-all' });
      continue;
    }
    const channel = identifierValue(target);
    effects.push(verb === 'LISTEN' ? { kind: 'listen', channel } : { kind: 'unlisten', channel });
  }
  return effects;
}

/** Unquoted identifiers fold to lower case (ASCII only, as PostgreSQL does); quoted ones keep theirs. */
function identifierValue(token: string): string {
  const value = token.startsWith('"')
    ? token.slice(1, -1).replace(/""/g, '"')
    : token.replace(/[A-Z]/g, (c) => c.toLowerCase());
  let chars = Array.from(value);
  while (Buffer.byteLength(chars.join(''), 'utf8') > MAX_IDENTIFIER_BYTES) chars = chars.slice(0, -1);
  return chars.join('');
}

/**
 * Splits SQL on top-level semicolons, replacing comments by a space and trimming each statement.
 * Knows single-quoted strings (including E'' escapes), quoted identifiers and dollar quoting, so a
 * semicolon or "LISTEN" inside them is not taken for syntax.
 */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
      current += ' ';
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
      current += ' ';
    } else if (c === "'" || c === '"') {
      const end = skipQuoted(sql, i, c);
      current += sql.slice(i, end);
      i = end;
    } else if (c === '$') {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        const end = close < 0 ? sql.length : close + tag.length;
        current += sql.slice(i, end);
        i = end;
      } else {
        current += c;
        i++;
      }
    } else if (c === ';') {
      statements.push(current.trim());
      current = '';
      i++;
    } else {
      current += c;
      i++;
    }
  }
  statements.push(current.trim());
  return statements.filter((statement) => statement.length > 0);
}

function skipBlockComment(sql: string, start: number): number {
  // Block comments nest in PostgreSQL.
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return i;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  // E'...' strings may escape the quote with a backslash; a doubled quote escapes it everywhere.
  const backslashEscapes = quote === "'" && start > 0 && /[eE]/.test(sql[start - 1]);
  let i = start + 1;
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === '\\') {
      i += 2;
    } else if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return i;
}
