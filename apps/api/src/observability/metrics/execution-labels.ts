import { nodeIdOf, type AslState, type ExecutionRecord, type GraphDefinition } from '@baton/engine';

/** The fixed labels of one execution's metrics, and how its step ids map to node types. */
export interface ExecutionLabels {
  workflow: string | null;
  mode: string;
  durability: string;
  nodeTypeOf(stepId: string | undefined): string;
}

/** When the store no longer (or never) held the execution. */
export const UNKNOWN_EXECUTION: ExecutionLabels = {
  workflow: 'unknown',
  mode: 'unknown',
  durability: 'unknown',
  nodeTypeOf: () => 'unknown',
};

/** Reads an execution record's labels (rows from before durability existed are standard ones). */
export function labelsOfExecution(execution: ExecutionRecord): ExecutionLabels {
  const nodeTypes =
    execution.format === 'asl' ? aslStateTypes(execution.definition) : graphNodeTypes(execution.definition);
  const stepKey = execution.format === 'asl' ? aslStateNameOf : nodeIdOf;
  return {
    workflow: execution.workflowId,
    mode: execution.mode,
    durability: execution.durability || 'standard',
    nodeTypeOf: (stepId) => (stepId === undefined ? 'none' : (nodeTypes.get(stepKey(stepId)) ?? 'unknown')),
  };
}

function graphNodeTypes(definition: unknown): Map<string, string> {
  const nodes = (definition as Partial<GraphDefinition> | null)?.nodes;
  return new Map(Array.isArray(nodes) ? nodes.map((node) => [node.id, node.type]) : []);
}

/** ASL states are labelled by their Type (`asl.Task`, `asl.Map`): resources are free text. */
function aslStateTypes(definition: unknown): Map<string, string> {
  const types = new Map<string, string>();
  const visit = (machine: { States?: Record<string, AslState> } | undefined) => {
    for (const [name, state] of Object.entries(machine?.States ?? {})) {
      types.set(name, `asl.${state.Type}`);
      for (const branch of state.Branches ?? []) visit(branch);
      visit(state.ItemProcessor ?? state.Iterator);
    }
  };
  visit((definition ?? undefined) as { States?: Record<string, AslState> } | undefined);
  return types;
}

// ASL step ids end in `<seq>.<escaped state name>` after the last `/` (libs/engine asl-step-id.ts).
function aslStateNameOf(stepId: string): string {
  const last = stepId.slice(stepId.lastIndexOf('/') + 1);
  return last
    .slice(last.indexOf('.') + 1)
    .replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
