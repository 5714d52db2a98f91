import type { ValidationProblem } from '../../definition/validation-problem.js';
import { findExpressionSyntaxError } from '../../expressions/evaluate-expression.js';
import type { AslState } from '../definition/asl-definition.js';
import { jsonataExpressionOf } from '../jsonata/resolve-jsonata-template.js';

// Fields each query language owns (AWS: a state using the other language may not carry them).
const JSONPATH_ONLY = [
  'InputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
] as const;
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `QueryLanguage` at the top or on a state: one of the two languages AWS defines. */
export function checkQueryLanguageValue(value: unknown, path: string): ValidationProblem[] {
  return value === undefined || value === 'JSONPath' || value === 'JSONata'
    ? []
    : [{ path, message: 'must be "JSONPath" or "JSONata"' }];
}

/** The fields of the state's query language only, and (JSONata) every `{% %}` expression compiles. */
export function checkQueryLanguageFields(state: AslState, path: string, jsonata: boolean): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
  if (!jsonata) {
    for (const field of JSONATA_ONLY)
      if (state[field] !== undefined)
        add(
          field,
          `${field} needs "QueryLanguage": "JSONata"; JSONPath states use ${field === 'Items' ? 'ItemsPath' : field === 'Arguments' ? 'Parameters' : 'OutputPath/ResultSelector'}`,
        );
    return problems;
  }
  for (const field of JSONPATH_ONLY)
    if (state[field] !== undefined)
      add(field, `${field} is a JSONPath field; JSONata states use Arguments, Output and Assign`);
  (state.Catch ?? []).forEach((catcher, i) => {
    if (isObject(catcher) && catcher.ResultPath !== undefined)
      add(`Catch[${i}].ResultPath`, 'ResultPath is a JSONPath field; a JSONata catcher uses Output');
  });
  if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      if (!isObject(rule)) return;
      if (rule.Condition === undefined)
        add(`Choices[${i}].Condition`, 'a JSONata Choice rule needs Condition, a {% %} expression or a boolean');
      for (const key of Object.keys(rule)) {
        if (!['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(key))
          add(`Choices[${i}].${key}`, `${key} is not a field of a JSONata Choice rule (use Condition)`);
      }
    });
  }
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds'] as const) {
    const value = state[field];
    if (value !== undefined && typeof value !== 'number' && jsonataExpressionOf(value) === null)
      add(field, 'must be a number or a {% %} expression');
  }
  problems.push(...checkExpressions(state, path));
  return problems;
}

function checkExpressions(value: unknown, path: string): ValidationProblem[] {
  const expression = jsonataExpressionOf(value);
  if (expression !== null) {
    const error = findExpressionSyntaxError(expression);
    return error ? [{ path, message: `invalid JSONata expression: ${error}` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => checkExpressions(item, `${path}[${i}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    // Nested machines are checked state by state with their own language.
    ['Branches', 'ItemProcessor', 'Iterator'].includes(key) ? [] : checkExpressions(item, `${path}.${key}`),
  );
}
