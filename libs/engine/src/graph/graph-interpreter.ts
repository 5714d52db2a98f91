import { analyzeComplexity, type ComplexityReport } from '../definition/analyze-complexity.js';
import type { GraphDefinition } from '../definition/graph-definition.js';
import { indexGraph, type GraphIndex } from '../definition/index-graph.js';
import { validateGraphDefinition } from '../definition/validate-graph-definition.js';
import type { ValidationResult } from '../definition/validation-problem.js';
import type { AdvancePlan, PreparedStep, WorkflowInterpreter } from '../engine/workflow-interpreter.js';
import { InvalidInputError } from '../errors/engine.error.js';
import {
  type ExecutionRecord,
  type ExecutionSnapshot,
  newStepRecord,
  type StepRecord,
} from '../execution/execution-record.js';
import { nodeIdOf } from '../execution/step-id.js';
import { resolveSettings } from '../expressions/resolve-settings.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { NodeResult } from '../nodes/node-type.js';
import { ExternalWaitRequest, HandledAnswer, parkStep } from '../engine/external-wait.js';
import { advanceGraph } from './advance-graph.js';
import { GraphStepTables } from './graph-step-tables.js';
import type { LoopState } from './loop-state.js';
import { prepareGraphStep } from './prepare-graph-step.js';
import type { StepTable } from './step-table.js';

const DEFAULT_MAX_CONCURRENCY = 10;
const MAX_CACHED_INDEXES = 500;

/** Runs `format: "graph"` definitions: nodes and edges, loops through `flow.loop`. */
export class GraphInterpreter implements WorkflowInterpreter {
  readonly format = 'graph';
  private readonly indexes = new Map<string, GraphIndex>();
  /** Each execution's step table, kept from one unit of work to the next. */
  private readonly tables = new GraphStepTables();

  constructor(private readonly registry: NodeRegistry) {}

  validate(definition: unknown, options: { maxNodes?: number }): ValidationResult {
    return validateGraphDefinition(definition, this.registry, options);
  }

  analyze(definition: unknown): ComplexityReport {
    return analyzeComplexity(definition as GraphDefinition, this.registry);
  }

  maxConcurrency(definition: unknown): number {
    return (definition as GraphDefinition).settings?.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  }

  timeoutMs(definition: unknown): number | null {
    return (definition as GraphDefinition).settings?.timeoutMs ?? null;
  }

  createInitialSteps(execution: ExecutionRecord): StepRecord[] {
    const index = this.indexOf(execution);
    // Loop bodies get their rows per iteration, when the iteration starts.
    return index.definition.nodes
      .filter((node) => (index.enclosingLoops.get(node.id) ?? []).length === 0)
      .map((node) => newStepRecord(execution.id, node.id, node.id));
  }

  prepareStep(snapshot: ExecutionSnapshot, step: StepRecord): Promise<PreparedStep> {
    const index = this.indexOf(snapshot.execution);
    return this.tables.use(snapshot, index, (table) => prepareGraphStep(snapshot, step, index, table));
  }

  completeStep(step: StepRecord, result: NodeResult, prepared: PreparedStep, now: Date): StepRecord {
    if (prepared.nodeType.kind === 'loop') {
      if (!result.iterate)
        throw new InvalidInputError(`Loop node "${step.nodeId}" returned no items`, 'INVALID_LOOP_ITEMS');
      const loop: LoopState = {
        items: result.iterate.items,
        concurrency: Math.max(1, result.iterate.concurrency),
        nextIndex: 0,
        active: [],
      };
      // The loop stays running; advanceLoops completes it when the last iteration settles.
      return { ...step, output: null, state: { loop } };
    }
    // Parked for an outside answer (a sub-workflow's end): the step stays running, holding no worker.
    if (result.output instanceof ExternalWaitRequest) return parkStep(step, result.output, prepared.timeoutMs, now);
    const handles = result.handle === undefined ? prepared.defaultHandles : [result.handle].flat();
    const durationMs = step.startedAt ? now.getTime() - step.startedAt.getTime() : null;
    return {
      ...step,
      status: 'completed',
      output: result.output ?? null,
      handles,
      error: null,
      endedAt: now,
      durationMs,
      wakeAt: null,
    };
  }

  /** An outside answer to a parked step (approval, sub-workflow): it may name the handle to follow. */
  externalResult(_prepared: PreparedStep, output: unknown): NodeResult {
    return output instanceof HandledAnswer ? { output: output.output, handle: output.handle } : { output };
  }

  advance(snapshot: ExecutionSnapshot, now: Date, maxConcurrency: number): Promise<AdvancePlan> {
    const index = this.indexOf(snapshot.execution);
    const startDelayOf = async (step: StepRecord, table: StepTable) => {
      const nodeType = index.nodeTypes.get(nodeIdOf(step.stepId));
      if (!nodeType?.startDelayMs) return 0;
      // The delay may be an expression over earlier outputs, so evaluate settings like a run would
      // (over the table as this advance left it so far).
      const prepared = await prepareGraphStep(snapshot, step, index, table).catch(() => null);
      const settings = prepared?.input.settings ?? (await resolveSettings({}, nodeType.settingsSchema, null, {}));
      const delayMs = Number(nodeType.startDelayMs(settings));
      return Number.isFinite(delayMs) ? delayMs : 0;
    };
    return this.tables.use(snapshot, index, (table) =>
      advanceGraph(snapshot, index, now, maxConcurrency, startDelayOf, table),
    );
  }

  // An execution's definition is frozen, so its index can be cached by execution id even when
  // the store hands out a fresh copy of the definition on every load.
  private indexOf(execution: ExecutionRecord): GraphIndex {
    let index = this.indexes.get(execution.id);
    if (!index) {
      if (this.indexes.size >= MAX_CACHED_INDEXES) this.indexes.clear();
      index = indexGraph(execution.definition as GraphDefinition, this.registry);
      this.indexes.set(execution.id, index);
    }
    return index;
  }
}
