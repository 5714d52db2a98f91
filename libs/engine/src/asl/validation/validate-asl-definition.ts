import { onlyWarnings, type ValidationProblem, type ValidationResult } from '../../definition/validation-problem.js';
import type { NodeRegistry } from '../../nodes/node-registry.js';
import { type AslState, mapProcessorOf } from '../definition/asl-definition.js';
import { checkAssigns } from './check-assign.js';
import { checkState } from './check-state.js';
import { checkQueryLanguageFields, checkQueryLanguageValue } from './check-query-language.js';
import { checkWithAslValidator } from './check-with-asl-validator.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_NAME_LENGTH = 80;

/**
 * Validates an ASL document and lists every problem with its path (`States.A.Next`). Baton's own
 * checks cover what asl-validator misses (Choice with End, States.ALL placement, per-(sub)machine
 * transitions and reachability, intrinsic calls, Baton resources); asl-validator's JSON Schema
 * adds field types and path syntax for states Baton's checks found nothing wrong with.
 */
export function validateAslDefinition(
  definition: unknown,
  registry: NodeRegistry,
  options: { maxNodes?: number } = {},
): ValidationResult {
  if (!isObject(definition))
    return { valid: false, problems: [{ path: '', message: 'an ASL state machine must be a JSON object' }] };
  const problems: ValidationProblem[] = [];
  problems.push(...checkQueryLanguageValue(definition.QueryLanguage, 'QueryLanguage'));
  const jsonata = definition.QueryLanguage === 'JSONata';
  if (
    definition.TimeoutSeconds !== undefined &&
    !(Number.isInteger(definition.TimeoutSeconds) && (definition.TimeoutSeconds as number) > 0)
  ) {
    problems.push({ path: 'TimeoutSeconds', message: 'must be a positive integer' });
  }
  if (definition.Type !== undefined && definition.Type !== 'STANDARD' && definition.Type !== 'EXPRESS')
    problems.push({ path: 'Type', message: 'must be "STANDARD" or "EXPRESS"' });
  const seen = new Map<string, string>();
  problems.push(...checkMachine(definition, '', registry, seen, jsonata));
  if (options.maxNodes !== undefined && seen.size > options.maxNodes) {
    problems.push({
      path: 'States',
      message: `has ${seen.size} states, more than the workspace limit of ${options.maxNodes}`,
    });
  }
  // Schema problems only where Baton's checks found nothing: its oneOf errors are noisy.
  const located = problems.filter((p) => p.severity !== 'warning').map((p) => statePathOf(p.path));
  // asl-validator's schema predates the machine-level Type (checked above).
  const withoutType = { ...definition };
  delete withoutType.Type;
  for (const problem of checkWithAslValidator(withoutType)) {
    const statePath = statePathOf(problem.path);
    if (!located.some((path) => path && (path === statePath || statePath.startsWith(`${path}.`))))
      problems.push(problem);
  }
  return { valid: onlyWarnings(problems), problems };
}

function checkMachine(
  machine: Record<string, unknown>,
  prefix: string,
  registry: NodeRegistry,
  seen: Map<string, string>,
  machineJsonata: boolean,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const states = machine.States;
  if (!isObject(states) || Object.keys(states).length === 0)
    return [{ path: `${prefix}States`, message: 'must be an object with at least one state' }];
  const names = new Set(Object.keys(states));
  if (typeof machine.StartAt !== 'string' || !names.has(machine.StartAt)) {
    problems.push({
      path: `${prefix}StartAt`,
      message: `must name a state of this state machine (got ${JSON.stringify(machine.StartAt)})`,
    });
  }
  for (const [name, raw] of Object.entries(states)) {
    const path = `${prefix}States.${name}`;
    if (name.length > MAX_NAME_LENGTH)
      problems.push({ path, message: `state names may be at most ${MAX_NAME_LENGTH} characters` });
    const other = seen.get(name);
    if (other)
      problems.push({
        path,
        message: `state name "${name}" is already used at ${other}; names must be unique in the whole state machine`,
      });
    else seen.set(name, path);
    const state = raw as AslState;
    // A state's own QueryLanguage wins; nested states inherit the machine's, as the runtime reads them.
    const jsonata =
      isObject(state) && state.QueryLanguage !== undefined ? state.QueryLanguage === 'JSONata' : machineJsonata;
    if (isObject(state)) problems.push(...checkQueryLanguageValue(state.QueryLanguage, `${path}.QueryLanguage`));
    problems.push(...checkState(state, path, names, registry, jsonata));
    if (isObject(state)) problems.push(...checkQueryLanguageFields(state, path, jsonata));
    if (isObject(state)) problems.push(...checkAssigns(state, path, jsonata));
    if (state?.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((branch, i) =>
        problems.push(...checkSubMachine(branch, `${path}.Branches[${i}]`, registry, seen, machineJsonata)),
      );
    }
    if (state?.Type === 'Map' && mapProcessorOf(state)) {
      const field = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
      problems.push(...checkSubMachine(mapProcessorOf(state), `${path}.${field}`, registry, seen, machineJsonata));
    }
  }
  if (typeof machine.StartAt === 'string' && names.has(machine.StartAt)) {
    const reachable = findReachable(machine.StartAt, states as Record<string, AslState>);
    for (const name of names)
      if (!reachable.has(name))
        problems.push({ path: `${prefix}States.${name}`, message: 'is not reachable from StartAt' });
    if (![...names].some((name) => isTerminal((states as Record<string, AslState>)[name]))) {
      problems.push({ path: `${prefix}States`, message: 'has no terminal state (End, Succeed or Fail)' });
    }
  }
  return problems;
}

function checkSubMachine(
  machine: unknown,
  path: string,
  registry: NodeRegistry,
  seen: Map<string, string>,
  jsonata: boolean,
): ValidationProblem[] {
  if (!isObject(machine)) return [{ path, message: 'must be an object with StartAt and States' }];
  return checkMachine(machine, `${path}.`, registry, seen, jsonata);
}

function isTerminal(state: AslState | undefined): boolean {
  return !!state && (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail');
}

function findReachable(startAt: string, states: Record<string, AslState>): Set<string> {
  const reachable = new Set<string>();
  const queue = [startAt];
  while (queue.length) {
    const name = queue.pop()!;
    if (reachable.has(name) || !states[name]) continue;
    reachable.add(name);
    const state = states[name];
    if (typeof state !== 'object' || state === null) continue;
    const targets = [
      state.Next,
      state.Default,
      ...(state.Choices ?? []).map((c) => c?.Next),
      ...(state.Catch ?? []).map((c) => c?.Next),
    ];
    for (const target of targets) if (typeof target === 'string') queue.push(target);
  }
  return reachable;
}

/** `States.A.Retry[0]` -> `States.A`; nested machines keep their full prefix. */
function statePathOf(path: string): string {
  const match = /^(.*States\.[^.[]+)/.exec(path);
  return match ? match[1] : path;
}
