import type { ExecutionRecord, StepRecord } from '../../execution/execution-record.js';
import type { AslStepTable } from './asl-step-table.js';
import { retryCountOf } from '../failures/asl-step-error.js';

/** The Context object (`$$`) a state sees. */
export interface AslContextObject {
  Execution: { Id: string; Input: unknown; Name: string; StartTime: string | null; RedriveCount: number };
  State: { Name: string; EnteredTime: string | null; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown } };
}

/** Opaque callback token of a task step: names the execution and the step entry. */
export function taskTokenOf(executionId: string, stepId: string): string {
  return Buffer.from(JSON.stringify([executionId, stepId]), 'utf8').toString('base64url');
}

export function buildContextObject(
  execution: ExecutionRecord,
  step: StepRecord,
  stateName: string,
  table: AslStepTable,
  isTask: boolean,
): AslContextObject {
  const { scope, seq } = table.address(step.stepId);
  // Entered when the previous state of the scope ended (or the branch/execution started):
  // derived from the journal, so every attempt and every worker sees the same time.
  const previous = seq > 1 ? table.entry(scope, seq - 1) : undefined;
  const container = scope ? table.get(scope.replace(/(?:#\d+)?\[\d+\]\/$/, '')) : undefined;
  const entered = previous?.endedAt ?? container?.startedAt ?? execution.startedAt;
  const context: AslContextObject = {
    Execution: {
      Id: execution.id,
      Input: execution.input,
      Name: execution.id,
      StartTime: execution.startedAt?.toISOString() ?? null,
      RedriveCount: execution.redriveCount,
    },
    State: {
      Name: stateName,
      EnteredTime: entered ? new Date(entered).toISOString() : null,
      RetryCount: retryCountOf(step.error),
    },
    StateMachine: { Id: execution.workflowId ?? 'inline', Name: execution.workflowId ?? 'inline' },
  };
  if (isTask) context.Task = { Token: taskTokenOf(execution.id, step.stepId) };
  return context;
}
