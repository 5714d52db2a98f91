import type { StepRecord } from '../../execution/execution-record.js';
import { type AslStepAddress, parseAslStepId } from './asl-step-id.js';
import { containerStateOf } from './container-state.js';

/**
 * Working copy of an ASL execution's steps, indexed by scope: which state was entered last in
 * a scope, and what a step's raw input is. Remembers changed rows like the graph's StepTable.
 */
export class AslStepTable {
  private readonly steps = new Map<string, StepRecord>();
  private readonly addresses = new Map<string, AslStepAddress>();
  private readonly scopes = new Map<string, StepRecord[]>();
  private readonly dirty = new Set<string>();

  constructor(steps: StepRecord[]) {
    for (const step of steps) this.put(step);
  }

  get(stepId: string): StepRecord | undefined {
    return this.steps.get(stepId);
  }

  all(): StepRecord[] {
    return [...this.steps.values()];
  }

  address(stepId: string): AslStepAddress {
    return this.addresses.get(stepId) ?? parseAslStepId(stepId);
  }

  set(step: StepRecord): void {
    this.put(step);
    this.dirty.add(step.stepId);
  }

  changed(): StepRecord[] {
    return [...this.dirty].map((stepId) => this.steps.get(stepId)!);
  }

  /** Steps of a scope in entry order. */
  inScope(scope: string): StepRecord[] {
    return this.scopes.get(scope) ?? [];
  }

  /** The state entered last in a scope. */
  current(scope: string): StepRecord | undefined {
    const steps = this.inScope(scope);
    return steps[steps.length - 1];
  }

  /**
   * A step's raw input: the output of the state entered before it in its scope, or the input of
   * its branch/iteration, or the execution input at the top.
   */
  rawInputOf(step: StepRecord, executionInput: unknown): unknown {
    const { scope, seq } = this.address(step.stepId);
    if (seq > 1) return this.inScope(scope).find((s) => this.address(s.stepId).seq === seq - 1)?.output ?? null;
    if (scope === '') return executionInput;
    const match = /^(.*)(?:#\d+)?\[(\d+)\]\/$/.exec(scope)!;
    const container = this.get(match[1].replace(/#\d+$/, ''));
    return containerStateOf(container)?.inputs[Number(match[2])] ?? null;
  }

  private put(step: StepRecord): void {
    const isNew = !this.steps.has(step.stepId);
    this.steps.set(step.stepId, step);
    if (!isNew) {
      const list = this.scopes.get(this.address(step.stepId).scope)!;
      list[list.findIndex((s) => s.stepId === step.stepId)] = step;
      return;
    }
    const address = parseAslStepId(step.stepId);
    this.addresses.set(step.stepId, address);
    const list = this.scopes.get(address.scope) ?? [];
    list.push(step);
    list.sort((a, b) => this.address(a.stepId).seq - this.address(b.stepId).seq);
    this.scopes.set(address.scope, list);
  }
}
