// Step ids: `nodeId` at top level; inside a loop body `loopStepId[index].nodeId`, so nested
// loops read `outer[0].inner[2].fetch`. Node ids may not contain `.`, `[` or `]`.

/** Scope prefix of a step id: '' at top level, `loop[3].` inside an iteration. */
export function scopeOf(stepId: string): string {
  const dot = stepId.lastIndexOf('.');
  return dot < 0 ? '' : stepId.slice(0, dot + 1);
}

export function nodeIdOf(stepId: string): string {
  return stepId.slice(stepId.lastIndexOf('.') + 1);
}

export function iterationScope(loopStepId: string, index: number): string {
  return `${loopStepId}[${index}].`;
}

/** The first `depth` iteration segments of a scope: where a node `depth` loops deep lives. */
export function truncateScope(scope: string, depth: number): string {
  let end = 0;
  for (let i = 0; i < depth; i++) {
    const next = scope.indexOf('].', end);
    if (next < 0) return scope;
    end = next + 2;
  }
  return scope.slice(0, end);
}

/** For a scope `...loop[3].`: the loop's step id and the iteration index. */
export function parseIterationScope(scope: string): { loopStepId: string; index: number } | null {
  const match = /^(.*)\[(\d+)\]\.$/.exec(scope);
  return match ? { loopStepId: match[1], index: Number(match[2]) } : null;
}
