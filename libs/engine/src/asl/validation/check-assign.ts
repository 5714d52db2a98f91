import type { ValidationProblem } from '../../definition/validation-problem.js';
import type { AslState } from '../definition/asl-definition.js';
import { checkPayloadTemplate } from './check-payload-template.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// What `$name` can read back (the runtime's variable paths): a letter or "_", then letters, digits, "_".
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
// The spec reserves `states` (`$states` in JSONata); a state must not assign it.
const RESERVED = new Set(['states']);

/** Every `Assign` of a state: its own, its catchers' and (Choice) its rules'. */
export function checkAssigns(state: AslState, path: string, jsonata: boolean): ValidationProblem[] {
  const problems = checkAssign(state.Assign, `${path}.Assign`, jsonata);
  (Array.isArray(state.Catch) ? state.Catch : []).forEach((catcher, i) => {
    if (isObject(catcher)) problems.push(...checkAssign(catcher.Assign, `${path}.Catch[${i}].Assign`, jsonata));
  });
  if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      if (isObject(rule)) problems.push(...checkAssign(rule.Assign, `${path}.Choices[${i}].Assign`, jsonata));
    });
  }
  return problems;
}

function checkAssign(assign: unknown, path: string, jsonata: boolean): ValidationProblem[] {
  if (assign === undefined) return [];
  if (!isObject(assign)) return [{ path, message: 'Assign must be an object of variable names and values' }];
  const problems: ValidationProblem[] = [];
  for (const key of Object.keys(assign)) {
    // JSONPath: `name.$` takes a path or intrinsic call, `name` a literal; JSONata names carry no suffix.
    const name = jsonata ? key : key.replace(/\.\$$/, '');
    if (RESERVED.has(name))
      problems.push({ path: `${path}.${key}`, message: `"${name}" is reserved and cannot be assigned` });
    else if (!VARIABLE_NAME.test(name))
      problems.push({
        path: `${path}.${key}`,
        message: `"${name}" is not a variable name (a letter or "_", then letters, digits or "_")`,
      });
  }
  if (!jsonata) problems.push(...checkPayloadTemplate(assign, path));
  return problems;
}
