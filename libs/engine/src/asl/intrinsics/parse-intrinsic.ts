/** An intrinsic call as parsed: `States.Format('x {}', $.name)`. */
export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArg[];
}

export type IntrinsicArg =
  IntrinsicCall | { kind: 'literal'; value: string | number | boolean | null } | { kind: 'path'; path: string };

export class IntrinsicSyntaxError extends Error {}

/** A string literal's plain text: `\{`, `\}` and `\\` (kept escaped by the parser) unescaped. */
export function unescapeLiteral(value: string): string {
  return value.replace(/\\([{}\\])/g, '$1');
}

/** Whether a `.$` value is an intrinsic function call rather than a path. */
export function looksLikeIntrinsic(value: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(value);
}

/**
 * Parses an intrinsic function call. String literals use single quotes; inside them `\'`,
 * `\{`, `\}` and `\\` are escapes (the last three survive in the literal's value, for
 * States.Format; `unescapeLiteral` gives every other argument its plain text).
 */
export function parseIntrinsic(source: string): IntrinsicCall {
  const parser = new Parser(source);
  const call = parser.call();
  parser.skipSpace();
  if (!parser.done()) throw parser.error('unexpected text after the closing parenthesis');
  return call;
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.done() && /\s/.test(this.text[this.pos])) this.pos++;
  }

  error(message: string): IntrinsicSyntaxError {
    return new IntrinsicSyntaxError(`Invalid intrinsic function '${this.text}': ${message} at position ${this.pos}`);
  }

  call(): IntrinsicCall {
    this.skipSpace();
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!match) throw this.error('expected States.<Function>');
    this.pos += match[0].length;
    this.skipSpace();
    if (this.text[this.pos] !== '(') throw this.error("expected '('");
    this.pos++;
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name: match[0], args };
    }
    for (;;) {
      args.push(this.arg());
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ')') return { kind: 'call', name: match[0], args };
      if (next !== ',') throw this.error("expected ',' or ')'");
    }
  }

  private arg(): IntrinsicArg {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.string() };
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) return { kind: 'path', path: this.path() };
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=\s*[,)])/.exec(rest);
    if (!literal) throw this.error('expected a string, number, boolean, null, path or intrinsic call');
    this.pos += literal[0].length;
    return { kind: 'literal', value: JSON.parse(literal[0]) as number | boolean | null };
  }

  // The spec's four escapes: `\'` is a quote; `\{`, `\}` and `\\` stay escaped (States.Format
  // must tell `\\{}`, a backslash then a placeholder, from `\{}`; unescapeLiteral finishes the
  // others). Any other backslash is an open escape, which the spec makes an error.
  private string(): string {
    let value = '';
    this.pos++;
    while (!this.done()) {
      const ch = this.text[this.pos++];
      if (ch === "'") return value;
      if (ch === '\\') {
        const next = this.text[this.pos++];
        if (next === undefined) break;
        if (next === "'") value += next;
        else if (next === '{' || next === '}' || next === '\\') value += `\\${next}`;
        else throw this.error(`open escape \\${next} (only \\' \\{ \\} and \\\\ are escapes)`);
      } else {
        value += ch;
      }
    }
    throw this.error('unterminated string');
  }

  // A path runs to the next top-level ',' or ')'; brackets and quotes may contain either.
  private path(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    while (!this.done()) {
      const ch = this.text[this.pos];
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
      else if (depth === 0 && (ch === ',' || ch === ')')) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}
