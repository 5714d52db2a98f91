import type { ComplexityReport } from '../definition/analyze-complexity.js';
import { deepFreeze } from '../execution/deep-freeze.js';
import { BoundedCache } from '../runtime/bounded-cache.js';
import type { ExecutionDurability } from '../execution/execution-record.js';
import { definitionDurability } from './definition-durability.js';
import type { WorkflowInterpreter } from './workflow-interpreter.js';

/** What a start derives from a definition alone: the same for every run of one workflow version. */
export interface DefinitionPlan {
  /** A frozen copy: every run shares it, and later edits of the caller's object never reach a run. */
  definition: unknown;
  problems: ReturnType<WorkflowInterpreter['validate']>;
  complexity: ComplexityReport | null;
  timeoutMs: number | null;
  durability: ExecutionDurability | undefined;
}

// Versions a busy process starts at once are few; the least recently used goes first beyond this.
const MAX_PLANS = 500;

/**
 * Validation, complexity analysis and the frozen copy of a definition, once per workflow
 * version instead of on every start (a version never changes: an edit makes a new one). A start
 * without a version id (a test run of an unsaved definition) is planned afresh each time.
 */
export class DefinitionPlanCache {
  private readonly plans = new BoundedCache<string, DefinitionPlan>(MAX_PLANS);

  constructor(private readonly maxNodes: number | undefined) {}

  planFor(interpreter: WorkflowInterpreter, definition: unknown, versionId: string | null | undefined): DefinitionPlan {
    const key = versionId ? `${interpreter.format}:${versionId}` : null;
    const cached = key ? this.plans.get(key) : undefined;
    if (cached) return cached;
    const plan = this.plan(interpreter, definition);
    if (key && plan.problems.valid) {
      this.plans.set(key, plan);
    }
    return plan;
  }

  private plan(interpreter: WorkflowInterpreter, definition: unknown): DefinitionPlan {
    const problems = interpreter.validate(definition, { maxNodes: this.maxNodes });
    if (!problems.valid) return { definition, problems, complexity: null, timeoutMs: null, durability: undefined };
    return {
      definition: deepFreeze(structuredClone(definition)),
      problems,
      complexity: interpreter.analyze(definition),
      timeoutMs: interpreter.timeoutMs(definition),
      durability: definitionDurability(definition),
    };
  }
}
