/**
 * Bounds on one JSONata evaluation. JSONata runs on the event loop, so without them a single
 * expression (a runaway recursion, a ten-million-item range) freezes every request the process
 * serves; with them it fails with `EXPRESSION_LIMIT` and the loop keeps turning meanwhile.
 */
export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation (ms). */
  timeoutMs: number;
  /** Deepest nesting of evaluation frames (recursion through lambdas counts). */
  maxDepth: number;
  /** Largest sequence an evaluation may build (ranges such as `[1..n]`, path results). */
  maxSequence: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 500,
  maxSequence: 1_000_000,
});
