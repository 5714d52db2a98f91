import type { StepRecord, StepUsage } from '../execution/execution-record.js';
import type { AnyNodeType } from '../nodes/node-type.js';
import type { AttemptOutcome } from './run-node-attempt.js';

/** Credits are stored with four decimals (`numeric(18,4)`); sums stay exact at that scale. */
const SCALE = 10_000;

/**
 * The credits one attempt of `nodeType` costs before tokens: its `creditCost`, else 1, but 0 for
 * `trigger` and `flow` nodes (they only route data). ASL states are all `flow` nodes to the
 * engine; a `Task` state is the one that does work, so it costs 1 like a node.
 */
export function creditCostOf(nodeType: Pick<AnyNodeType, 'type' | 'group' | 'creditCost'>): number {
  if (nodeType.creditCost !== undefined) return nodeType.creditCost;
  if (nodeType.type === 'asl.Task') return 1;
  return nodeType.group === 'flow' || nodeType.group === 'trigger' ? 0 : 1;
}

/**
 * The step with one more attempt's cost added: the node's credit cost, plus the tokens its result
 * reported times `creditsPer1kTokens / 1000`. Failed attempts cost their credit cost too (the work
 * was done); tokens are only known from a result.
 */
export function withAttemptUsage(
  step: StepRecord,
  nodeType: AnyNodeType,
  outcome: AttemptOutcome,
  creditsPer1kTokens: number,
): StepRecord {
  const reported = outcome.ok ? outcome.result.usage?.tokens : undefined;
  const tokens = typeof reported === 'number' && Number.isFinite(reported) && reported > 0 ? Math.round(reported) : 0;
  const credits = creditCostOf(nodeType) + (tokens * creditsPer1kTokens) / 1000;
  const before: StepUsage = step.usage ?? { nodeType: '', credits: 0, tokens: 0 };
  const usage: StepUsage = {
    nodeType: `${nodeType.type}@${nodeType.version}`,
    credits: Math.round((before.credits + credits) * SCALE) / SCALE,
    tokens: before.tokens + tokens,
  };
  return { ...step, usage };
}
