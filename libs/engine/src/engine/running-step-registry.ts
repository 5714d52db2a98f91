/**
 * Abort controllers of the steps this process is running, by execution. Cancel and execution
 * timeout reach running nodes through it; another process learns of a cancel through whatever
 * broadcast the composition root wires to `WorkflowEngine.abortRunningSteps`.
 */
export class RunningStepRegistry {
  private readonly controllers = new Map<string, Set<AbortController>>();

  register(executionId: string, controller: AbortController): () => void {
    let set = this.controllers.get(executionId);
    if (!set) this.controllers.set(executionId, (set = new Set()));
    set.add(controller);
    return () => {
      set!.delete(controller);
      if (!set!.size) this.controllers.delete(executionId);
    };
  }

  abort(executionId: string, reason: Error): number {
    const set = this.controllers.get(executionId);
    for (const controller of set ?? []) controller.abort(reason);
    return set?.size ?? 0;
  }
}
