import { validateGraphShape } from '@baton/engine';
import type { WorkflowFormat } from '@baton/persistence';

export interface DefinitionProblem {
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The structural check every save runs: the document has the shape of its format. Semantic
 * validation (node types, handles, reachability, ASL rules) belongs to the engine's validators.
 * Paths start at `definition` so a 400 names the exact field.
 */
export function checkDefinitionShape(format: WorkflowFormat, definition: unknown): DefinitionProblem[] {
  if (!isObject(definition)) return [{ path: 'definition', message: 'must be a JSON object' }];
  if ('format' in definition) {
    return [{ path: 'definition.format', message: '`format` belongs beside `definition`, not inside it' }];
  }
  return format === 'graph' ? checkGraphShape(definition) : checkAslShape(definition);
}

/** The engine's structural check, with paths re-rooted at `definition` for the API's messages. */
function checkGraphShape(definition: Record<string, unknown>): DefinitionProblem[] {
  return validateGraphShape(definition).map(({ path, ...problem }) => ({
    ...problem,
    path: path ? `definition.${path}` : 'definition',
  }));
}

function checkAslShape(definition: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!isNonEmptyString(definition.StartAt))
    problems.push({ path: 'definition.StartAt', message: 'must name the first state' });
  if (!isObject(definition.States) || Object.keys(definition.States).length === 0) {
    problems.push({ path: 'definition.States', message: 'must be an object with at least one state' });
  } else if (isNonEmptyString(definition.StartAt) && !(definition.StartAt in definition.States)) {
    problems.push({ path: 'definition.StartAt', message: `names "${definition.StartAt}", which is not in States` });
  }
  return problems;
}
