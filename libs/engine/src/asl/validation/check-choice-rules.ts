import type { ValidationProblem } from '../../definition/validation-problem.js';
import type { AslChoiceRule } from '../definition/asl-definition.js';
import { CHOICE_OPERATORS, isTimestamp } from '../choice/choice-operators.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Choice rule is a combinator (And/Or/Not) or `Variable` plus exactly one operator; only top-level rules have `Next`. */
export function checkChoiceRule(rule: unknown, path: string, topLevel: boolean): ValidationProblem[] {
  if (!isObject(rule)) return [{ path, message: 'a Choice rule must be an object' }];
  const problems: ValidationProblem[] = [];
  if (topLevel && typeof rule.Next !== 'string')
    problems.push({ path: `${path}.Next`, message: 'a top-level Choice rule must have Next' });
  if (!topLevel && rule.Next !== undefined)
    problems.push({ path: `${path}.Next`, message: 'only top-level Choice rules may have Next' });
  const r = rule as AslChoiceRule;
  if (r.And !== undefined || r.Or !== undefined) {
    const key = r.And !== undefined ? 'And' : 'Or';
    const list = rule[key];
    if (!Array.isArray(list) || list.length === 0)
      return [...problems, { path: `${path}.${key}`, message: `${key} must be a non-empty array of rules` }];
    return [...problems, ...list.flatMap((child, i) => checkChoiceRule(child, `${path}.${key}[${i}]`, false))];
  }
  if (r.Not !== undefined) return [...problems, ...checkChoiceRule(r.Not, `${path}.Not`, false)];
  if (typeof rule.Variable !== 'string' || !rule.Variable.startsWith('$')) {
    problems.push({ path: `${path}.Variable`, message: 'a comparison rule needs Variable, a path starting with $' });
  }
  // A top-level rule may assign variables when it matches (checkAssigns judges the Assign).
  const fields = topLevel ? ['Variable', 'Next', 'Comment', 'Assign'] : ['Variable', 'Next', 'Comment'];
  const operators = Object.keys(rule).filter((key) => !fields.includes(key));
  if (operators.length !== 1 || !CHOICE_OPERATORS.has(operators[0])) {
    const unknown = operators.filter((op) => !CHOICE_OPERATORS.has(op));
    const message = unknown.length
      ? `unknown Choice operator(s): ${unknown.join(', ')}`
      : 'a comparison rule needs exactly one operator';
    return [...problems, { path, message }];
  }
  return [...problems, ...checkOperand(operators[0], rule[operators[0]], `${path}.${operators[0]}`)];
}

function checkOperand(operator: string, value: unknown, path: string): ValidationProblem[] {
  const fail = (expected: string) => [{ path, message: `${operator} needs ${expected}` }];
  if (operator.endsWith('Path'))
    return typeof value === 'string' && value.startsWith('$') ? [] : fail('a path starting with $');
  if (operator.startsWith('Is')) return typeof value === 'boolean' ? [] : fail('true or false');
  if (operator.startsWith('String')) return typeof value === 'string' ? [] : fail('a string');
  if (operator.startsWith('Numeric')) return typeof value === 'number' ? [] : fail('a number');
  if (operator.startsWith('Boolean')) return typeof value === 'boolean' ? [] : fail('true or false');
  if (operator.startsWith('Timestamp'))
    return isTimestamp(value) ? [] : fail('an RFC 3339 timestamp such as 2025-01-01T00:00:00Z');
  return [];
}
