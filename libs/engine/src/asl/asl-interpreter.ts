import type { ComplexityReport } from '../definition/analyze-complexity.js';
import type { ValidationResult } from '../definition/validation-problem.js';
import type {
  AdvancePlan,
  FailureContext,
  FailureDecision,
  PreparedStep,
  WorkflowInterpreter,
} from '../engine/workflow-interpreter.js';
import type { EngineError } from '../errors/engine.error.js';
import {
  type ExecutionRecord,
  type ExecutionSnapshot,
  newStepRecord,
  type StepRecord,
} from '../execution/execution-record.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { NodeResult } from '../nodes/node-type.js';
import { analyzeAslComplexity } from './analyze-asl-complexity.js';
import type { AslStateMachine } from './definition/asl-definition.js';
import { AslError, STATES } from './definition/asl.error.js';
import { decideAslFailure } from './failures/decide-asl-failure.js';
import { advanceAsl } from './runtime/advance-asl.js';
import { aslStepId, parseAslStepId } from './runtime/asl-step-id.js';
import { findState } from './runtime/find-state.js';
import { AslStepTables } from './runtime/asl-step-tables.js';
import { type ContainerState, withContainer } from './runtime/container-state.js';
import { type AslPreparedStep, prepareAslStep } from './runtime/prepare-asl-step.js';
import { validateAslDefinition } from './validation/validate-asl-definition.js';
import { ExternalWaitRequest, parkStep } from '../engine/external-wait.js';
import { stateOutcomeOf } from './data-flow/process-state-data.js';
import { applyAssign, resolveJsonataTemplate } from './jsonata/resolve-jsonata-template.js';
import type { AslRuntimeOptions } from './runtime/run-state-attempt.js';
import { redriveAslSteps } from './runtime/redrive-asl-steps.js';

/**
 * States whose attempt is pure evaluation (a Map or Parallel attempt evaluates its items and
 * starts; its iterations are steps of their own): the engine runs them without a queue job.
 */
const INLINE_STATES = new Set(['Pass', 'Choice', 'Succeed', 'Fail', 'Map', 'Parallel']);

// Map and Parallel bound themselves (MaxConcurrency); this only caps one execution's queue share.
const MAX_CONCURRENT_STEPS = 200;

/**
 * Runs `format: "asl"` definitions (Amazon States Language, JSONPath query language) on the
 * engine's durable core: one step row per state entry, Retry/Catch through `decideFailure`,
 * Waits as delayed jobs, Parallel/Map as container steps whose branches are ordinary steps.
 */
export class AslInterpreter implements WorkflowInterpreter {
  readonly format = 'asl';

  /** Each execution's step table, kept from one unit of work to the next. */
  private readonly tables = new AslStepTables();

  constructor(
    private readonly registry: NodeRegistry,
    private readonly options: AslRuntimeOptions = {},
  ) {}

  validate(definition: unknown, options: { maxNodes?: number }): ValidationResult {
    return validateAslDefinition(definition, this.registry, options);
  }

  analyze(definition: unknown): ComplexityReport {
    return analyzeAslComplexity(definition as AslStateMachine);
  }

  maxConcurrency(): number {
    return MAX_CONCURRENT_STEPS;
  }

  timeoutMs(definition: unknown): number | null {
    const seconds = (definition as AslStateMachine).TimeoutSeconds;
    return seconds ? seconds * 1000 : null;
  }

  deadlineError(definition: unknown): EngineError {
    return new AslError(
      STATES.Timeout,
      `Execution timed out after ${(definition as AslStateMachine).TimeoutSeconds} seconds (TimeoutSeconds)`,
    );
  }

  limitError(message: string): EngineError {
    return new AslError(STATES.Runtime, message);
  }

  createInitialSteps(execution: ExecutionRecord): StepRecord[] {
    const startAt = (execution.definition as AslStateMachine).StartAt;
    return [newStepRecord(execution.id, aslStepId('', 1, startAt), startAt)];
  }

  async prepareStep(snapshot: ExecutionSnapshot, step: StepRecord): Promise<PreparedStep> {
    return this.tables.use(snapshot, (table) =>
      prepareAslStep(
        snapshot,
        step,
        snapshot.execution.definition as AslStateMachine,
        table,
        this.registry,
        this.options,
      ),
    );
  }

  completeStep(step: StepRecord, result: NodeResult, prepared: PreparedStep, now: Date): StepRecord {
    if ((prepared as AslPreparedStep).asl.phase === 'start') {
      // The container stays running while its branches run; advance completes it.
      return withContainer({ ...step, output: null }, result.output as ContainerState);
    }
    // A callback or activity task handed its token out: the step waits, holding no worker.
    if (result.output instanceof ExternalWaitRequest) return parkStep(step, result.output, prepared.timeoutMs, now);
    const durationMs = step.startedAt ? now.getTime() - new Date(step.startedAt).getTime() : null;
    const handles = result.handle === undefined ? [] : [result.handle].flat();
    // States that assign keep the workflow variables after it: later states read them from here.
    const { asl } = prepared as AslPreparedStep;
    const assigned = asl.jsonata?.assigned ?? asl.assigned;
    const state = assigned ? { vars: assigned } : step.state;
    return {
      ...step,
      status: 'completed',
      output: result.output ?? null,
      handles,
      error: null,
      state,
      endedAt: now,
      durationMs,
      wakeAt: null,
    };
  }

  runsInline(snapshot: ExecutionSnapshot, step: StepRecord): boolean {
    const { scope, stateName } = parseAslStepId(step.stepId);
    const state = findState(snapshot.execution.definition as AslStateMachine, scope, stateName);
    // An ItemReader reads its items from outside (Distributed Map): not pure.
    return INLINE_STATES.has(state.Type) && !('ItemReader' in state);
  }

  redriveSteps(snapshot: ExecutionSnapshot): StepRecord[] {
    return redriveAslSteps(snapshot);
  }

  async externalResult(prepared: PreparedStep, output: unknown): Promise<NodeResult> {
    const { asl } = prepared as AslPreparedStep;
    const handle = asl.state.Next !== undefined ? [asl.state.Next] : [];
    if (asl.jsonata) {
      // JSONata: the answer is `$states.result` for the task's Output and Assign, as for any Task.
      const states = { input: asl.raw, context: asl.context, result: output };
      asl.jsonata.assigned = await applyAssign(asl.state.Assign, states, asl.jsonata.variables);
      const value =
        asl.state.Output === undefined
          ? output
          : await resolveJsonataTemplate(asl.state.Output, states, asl.jsonata.variables, 'Output');
      return { output: value, handle };
    }
    const outcome = stateOutcomeOf(asl.state, asl.raw, output, asl.context);
    // completeStep keeps them with the step, as for an attempt.
    asl.assigned = outcome.variables ?? asl.variables;
    return { output: outcome.output, handle };
  }

  async advance(snapshot: ExecutionSnapshot, now: Date, maxConcurrency: number): Promise<AdvancePlan> {
    return this.tables.use(snapshot, (table) =>
      advanceAsl(snapshot, snapshot.execution.definition as AslStateMachine, now, maxConcurrency, table),
    );
  }

  decideFailure({ step, error, prepared, random }: FailureContext): FailureDecision {
    const { asl } = prepared as AslPreparedStep;
    return decideAslFailure({
      state: asl.state,
      error,
      previousError: step.error,
      rawInput: asl.raw,
      context: asl.context,
      topLevel: asl.scope === '',
      random,
      jsonata: asl.jsonata,
    });
  }
}
