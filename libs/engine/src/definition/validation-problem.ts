/** One thing wrong with a definition, located by a path such as `edges[1].targetHandle`. */
export interface ValidationProblem {
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** `warning`: worth knowing, does not make the definition invalid. Absent means an error. */
  severity?: 'error' | 'warning';
}

/** Whether problems leave the definition valid (only warnings among them). */
export function onlyWarnings(problems: ValidationProblem[]): boolean {
  return problems.every((problem) => problem.severity === 'warning');
}

export interface ValidationResult {
  valid: boolean;
  problems: ValidationProblem[];
}
