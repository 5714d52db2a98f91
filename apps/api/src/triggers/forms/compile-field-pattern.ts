import { RE2JS } from 're2js';

// Form patterns are written by editors and run on anonymous input: a backtracking engine would
// let `(a+)+b` against a few dozen characters hold the process for hours. RE2 matches in time
// linear in the input, and refuses the constructs (back-references, look-arounds) that need more.
const compiled = new Map<string, RE2JS>();

/** The whole-value matcher for a field pattern; throws when RE2 cannot compile it. */
export function compileFieldPattern(pattern: string): RE2JS {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = RE2JS.compile(`^(?:${pattern})$`);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(pattern, matcher);
  }
  return matcher;
}
