import type { DueFailureNotification } from '@baton/persistence';

// The cause is an error message; long ones (a stack, a quoted response) are cut, never the whole thing.
const MAX_CAUSE_LENGTH = 1000;

/** The JSON a failure webhook receives (README "Operations: alerts"). */
export interface FailureReport {
  type: 'execution.failed';
  workspaceId: string;
  workflow: { id: string; name: string };
  execution: {
    id: string;
    error: string | null;
    cause: string | null;
    startedAt: string | null;
    endedAt: string | null;
  };
  /** This delivery's attempt number (a receiver dedupes on execution.id). */
  attempt: number;
}

export function buildFailureReport(notification: DueFailureNotification): FailureReport {
  return {
    type: 'execution.failed',
    workspaceId: notification.workspaceId,
    workflow: { id: notification.workflowId, name: notification.workflowName },
    execution: {
      id: notification.executionId,
      error: notification.error,
      cause: notification.cause === null ? null : notification.cause.slice(0, MAX_CAUSE_LENGTH),
      startedAt: notification.startedAt?.toISOString() ?? null,
      endedAt: notification.endedAt?.toISOString() ?? null,
    },
    attempt: notification.attempt,
  };
}

/** Subject and plain text of the failure email. */
export function describeFailure(report: FailureReport): { subject: string; text: string } {
  const error = report.execution.error ?? 'an error';
  return {
    subject: `[Baton] ${report.workflow.name} failed: ${error}`.slice(0, 250),
    text: [
      `Workflow "${report.workflow.name}" (${report.workflow.id}) failed with ${error}.`,
      '',
      `Execution: ${report.execution.id}`,
      `Started:   ${report.execution.startedAt ?? '-'}`,
      `Ended:     ${report.execution.endedAt ?? '-'}`,
      ...(report.execution.cause ? ['', report.execution.cause] : []),
    ].join('\n'),
  };
}
