import type { StepRecord } from '../execution/execution-record.js';

/** Working copy of an execution's steps that remembers which rows changed. */
export class StepTable {
  private readonly steps = new Map<string, StepRecord>();
  private readonly dirty = new Set<string>();

  constructor(steps: StepRecord[]) {
    for (const step of steps) this.steps.set(step.stepId, step);
  }

  get(stepId: string): StepRecord | undefined {
    return this.steps.get(stepId);
  }

  all(): StepRecord[] {
    return [...this.steps.values()];
  }

  set(step: StepRecord): void {
    this.steps.set(step.stepId, step);
    this.dirty.add(step.stepId);
  }

  changed(): StepRecord[] {
    return [...this.dirty].map((stepId) => this.steps.get(stepId)!);
  }
}
