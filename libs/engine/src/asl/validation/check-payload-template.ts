import type { ValidationProblem } from '../../definition/validation-problem.js';
import { INTRINSIC_ARITY } from '../intrinsics/intrinsic-functions.js';
import { type IntrinsicCall, looksLikeIntrinsic, parseIntrinsic } from '../intrinsics/parse-intrinsic.js';

/** Problems in a payload template: `.$` fields must hold a path or a well-formed intrinsic call. */
export function checkPayloadTemplate(template: unknown, path: string): ValidationProblem[] {
  if (Array.isArray(template)) return template.flatMap((item, i) => checkPayloadTemplate(item, `${path}[${i}]`));
  if (typeof template !== 'object' || template === null) return [];
  return Object.entries(template).flatMap(([key, value]) => {
    const at = `${path}.${key}`;
    if (!key.endsWith('.$')) return checkPayloadTemplate(value, at);
    if (typeof value !== 'string')
      return [
        { path: at, message: 'a field ending in ".$" must hold a path or an intrinsic function call (a string)' },
      ];
    return checkDynamicValue(value, at);
  });
}

/** A path (`$...`, `$$...`) or an intrinsic function call. */
export function checkDynamicValue(value: string, path: string): ValidationProblem[] {
  if (!looksLikeIntrinsic(value)) {
    return value.startsWith('$')
      ? []
      : [{ path, message: `"${value}" is neither a path ($...) nor an intrinsic function call (States.Name(...))` }];
  }
  try {
    return checkCall(parseIntrinsic(value), path);
  } catch (error) {
    return [{ path, message: (error as Error).message }];
  }
}

function checkCall(call: IntrinsicCall, path: string): ValidationProblem[] {
  const arity = INTRINSIC_ARITY[call.name];
  if (!arity) return [{ path, message: `unknown intrinsic function ${call.name}` }];
  const problems: ValidationProblem[] = [];
  const [min, max] = arity;
  if (call.args.length < min || call.args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    problems.push({ path, message: `${call.name} takes ${expected} argument(s), got ${call.args.length}` });
  }
  for (const arg of call.args) if (arg.kind === 'call') problems.push(...checkCall(arg, path));
  return problems;
}
