/** Where JSON.parse gave up, as an editor user counts: lines and columns from 1. */
export interface JsonSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type JsonReadResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

export function readJsonText(text: string): JsonReadResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 reports "at position N" and, in newer versions, "(line L column C)"; other engines may
    // report neither, in which case the end of the text is the honest answer.
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    const offset = position
      ? Number(position[1])
      : lineColumn
        ? offsetOf(text, Number(lineColumn[1]), Number(lineColumn[2]))
        : text.length;
    const { line, column } = lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : lineColumnOf(text, offset);
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/,? ?"[\s\S]*" is not valid JSON/, ' is not valid JSON')
      .replace(/ in JSON at position \d+/, '');
    return { ok: false, error: { message: reason, line, column, offset } };
  }
}

export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** The innermost state a validation path points at (`States.Fulfil.Branches[0].States.Reserve.Next`). */
export function stateOfProblemPath(path: string): string | null {
  let found: string | null = null;
  for (const match of path.matchAll(/(?:^|\.)States\.([^.[]+)/g)) found = match[1];
  return found;
}
