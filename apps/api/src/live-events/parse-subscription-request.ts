import { validationFailed } from '../common/domain.error';
import type { LiveEventTopic } from './live-event-rooms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `subscribe` / `unsubscribe` payload after validation. */
export interface SubscriptionRequest {
  topic: LiveEventTopic;
  /** Execution topics only: replay stored events after this sequence before going live. */
  afterSequence?: number;
  /** Also emit each event under its own name (`step_completed`, ...), as seed clients listen. */
  named?: boolean;
}

/**
 * Accepts `"<executionId>"`, `{ executionId, afterSequence? }`, `{ workflowId }` or
 * `{ workspace: true }`, each object with an optional `named: true`.
 * @throws DomainError VALIDATION_FAILED naming the offending field.
 */
export function parseSubscriptionRequest(payload: unknown): SubscriptionRequest {
  const request = parseTopic(payload);
  const named =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).named : undefined;
  if (named === undefined) return request;
  if (typeof named !== 'boolean') throw validationFailed('named must be true or false');
  return { ...request, named };
}

function parseTopic(payload: unknown): SubscriptionRequest {
  if (typeof payload === 'string') return { topic: { kind: 'execution', executionId: uuid(payload, 'executionId') } };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationFailed(
      'The payload must be an execution id or an object with executionId, workflowId or workspace: true',
    );
  }
  const body = payload as Record<string, unknown>;
  const given = ['executionId', 'workflowId', 'workspace'].filter((key) => body[key] !== undefined);
  if (given.length !== 1) throw validationFailed('Give exactly one of executionId, workflowId or workspace: true');
  if (body['afterSequence'] !== undefined && given[0] !== 'executionId') {
    throw validationFailed('afterSequence is only accepted together with executionId');
  }
  switch (given[0]) {
    case 'executionId':
      return {
        topic: { kind: 'execution', executionId: uuid(body['executionId'], 'executionId') },
        afterSequence: sequence(body['afterSequence']),
      };
    case 'workflowId':
      return { topic: { kind: 'workflow', workflowId: uuid(body['workflowId'], 'workflowId') } };
    default:
      if (body['workspace'] !== true) throw validationFailed('workspace must be true');
      return { topic: { kind: 'workspace' } };
  }
}

function uuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw validationFailed(`${field} must be a UUID`);
  return value;
}

function sequence(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw validationFailed('afterSequence must be an integer >= 0');
  }
  return value;
}
