/** One thing wrong with a definition, located by a path such as `edges[1].targetHandle`. */
export interface ValidationProblem {
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

export interface ValidationResult {
  valid: boolean;
  problems: ValidationProblem[];
}
