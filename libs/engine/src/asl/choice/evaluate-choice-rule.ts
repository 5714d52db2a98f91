import type { AslChoiceRule } from '../definition/asl-definition.js';
import { lookUpPath, readPath } from '../data-flow/read-path.js';
import { isTimestamp, matchesWildcard } from './choice-operators.js';
import { runtimeError } from '../definition/asl.error.js';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';

const RELATIONS: Record<string, (c: number) => boolean> = {
  Equals: (c) => c === 0,
  LessThan: (c) => c < 0,
  GreaterThan: (c) => c > 0,
  LessThanEquals: (c) => c <= 0,
  GreaterThanEquals: (c) => c >= 0,
};

const OPERATOR =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;

// A comparison rule's fields besides its one operator.
const RULE_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign']);

/**
 * Evaluates one Choice rule against the state's effective input. A value of the wrong type
 * makes a comparison false, not an error; a `Variable` that selects nothing is a
 * `States.Runtime` failure except for `IsPresent`.
 */
export function evaluateChoiceRule(rule: AslChoiceRule, data: unknown, context: unknown): boolean {
  if (rule.And) return rule.And.every((r) => evaluateChoiceRule(r, data, context));
  if (rule.Or) return rule.Or.some((r) => evaluateChoiceRule(r, data, context));
  if (rule.Not) return !evaluateChoiceRule(rule.Not, data, context);
  const variable = String(rule.Variable);
  // The operator is the one field that is not the rule's bookkeeping (its Assign included: stored
  // as jsonb the keys come back reordered, so the operator need not be the first).
  const [operator, expected] = Object.entries(rule).find(([key]) => !RULE_FIELDS.has(key)) ?? [];
  const lookup = lookUpPath(variable, data, context);
  if (operator === 'IsPresent') return lookup.found === (expected === true);
  if (!lookup.found)
    throw runtimeError(`Invalid path '${variable}': the choice state's condition path references an invalid value`);
  const value = lookup.value;
  switch (operator) {
    case 'IsNull':
      return (value === null) === (expected === true);
    case 'IsNumeric':
      return (typeof value === 'number') === (expected === true);
    case 'IsString':
      return (typeof value === 'string') === (expected === true);
    case 'IsBoolean':
      return (typeof value === 'boolean') === (expected === true);
    case 'IsTimestamp':
      return isTimestamp(value) === (expected === true);
    case 'StringMatches':
      return typeof value === 'string' && typeof expected === 'string' && matchesWildcard(value, expected);
  }
  const match = OPERATOR.exec(operator ?? '');
  if (!match) return false;
  const [, kind, relation, isPath] = match;
  const other = isPath ? readPath(String(expected), data, context, `Choice rule ${operator}`) : expected;
  const comparison = compare(kind as Kind, value, other);
  return comparison !== null && RELATIONS[relation](comparison);
}

function compare(kind: Kind, a: unknown, b: unknown): number | null {
  switch (kind) {
    case 'String':
      return typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : null;
    case 'Numeric':
      return typeof a === 'number' && typeof b === 'number' ? Math.sign(a - b) : null;
    case 'Boolean':
      return typeof a === 'boolean' && typeof b === 'boolean' ? (a === b ? 0 : null) : null;
    case 'Timestamp':
      return isTimestamp(a) && isTimestamp(b) ? Math.sign(Date.parse(a) - Date.parse(b)) : null;
  }
}
