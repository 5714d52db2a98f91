import {
  APPROVALS_SERVICE,
  ApprovalRequests,
  defaultOutboundFetch,
  InvalidInputError,
  type NodeType,
  PermanentError,
} from '@baton/engine';
import { HttpStatusError } from '../http/http-status.error.js';

interface ApprovalSettings {
  message: string;
  timeoutSeconds: number;
  notifyUrl?: string;
}

const MAX_TIMEOUT_SECONDS = 30 * 24 * 3600;

/**
 * Waits for a person: the step parks (no worker held) and hands out an approve URL and a reject
 * URL carrying one single-use token, POSTed to `notifyUrl` (e.g. a webhook that emails them). The first decision resumes the run down `approved` or `rejected`;
 * no decision within `timeoutSeconds` fails the step with NODE_TIMEOUT.
 */
export const approvalNode: NodeType<ApprovalSettings> = {
  type: 'flow.approval',
  version: 1,
  title: 'Approval',
  group: 'flow',
  description:
    'Waits for a person to approve or reject through single-use URLs, then continues down `approved` or `rejected`.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [
    { name: 'approved', dataType: 'object', description: '{ decision, approved: true, comment, decidedAt }' },
    { name: 'rejected', dataType: 'object', description: '{ decision, approved: false, comment, decidedAt }' },
  ],
  settingsSchema: {
    type: 'object',
    properties: {
      message: { type: 'string', default: 'Approval requested', description: 'What the approver decides on.' },
      timeoutSeconds: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_TIMEOUT_SECONDS,
        default: 86_400,
        description: 'How long the URLs stay valid; then the step fails with NODE_TIMEOUT.',
      },
      notifyUrl: {
        type: 'string',
        format: 'uri',
        description: 'Receives a POST of { message, approveUrl, rejectUrl, expiresAt, executionId, stepId }.',
      },
    },
    required: ['notifyUrl'],
  },
  outputSchema: {
    type: 'object',
    properties: {
      decision: { type: 'string', enum: ['approved', 'rejected'] },
      approved: { type: 'boolean' },
      comment: { type: 'string' },
      decidedAt: { type: 'string', format: 'date-time' },
    },
  },
  canStart: false,
  // A re-run attempt issues a new token (the old one stops working) and notifies again with the
  // same Idempotency-Key.
  replaySafe: false,
  deduplicatesByIdempotencyKey: true,
  // One request per attempt: a timeout is the answer "nobody decided", not a blip to retry.
  retryDefaults: { maxAttempts: 1 },
  traits: { waitsForPeople: true },
  async run({ settings }, ctx) {
    const approvals = ctx.services[APPROVALS_SERVICE];
    if (!(approvals instanceof ApprovalRequests))
      throw new PermanentError('Approvals are not available in this engine', 'APPROVALS_UNAVAILABLE');
    const timeoutSeconds = Number(settings.timeoutSeconds);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS)
      throw new InvalidInputError(
        `timeoutSeconds: must be an integer from 1 to ${MAX_TIMEOUT_SECONDS}`,
        'INVALID_SETTINGS',
      );
    const message = String(settings.message ?? '').slice(0, 2000);
    const opened = await approvals.open(ctx, { message, timeoutMs: timeoutSeconds * 1000 });
    const notice = {
      message,
      approveUrl: opened.approveUrl,
      rejectUrl: opened.rejectUrl,
      expiresAt: opened.expiresAt,
      executionId: ctx.executionId,
      stepId: ctx.stepId,
    };
    // The URLs are bearer secrets: they go to `notifyUrl` only, never into logs.
    ctx.log.info('approval requested', { expiresAt: opened.expiresAt, notifyUrl: settings.notifyUrl });
    await notify(String(settings.notifyUrl ?? ''), notice, ctx);
    return { output: opened.wait };
  },
};

async function notify(raw: string, notice: object, ctx: Parameters<ApprovalNodeRun>[1]): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(`notifyUrl: "${raw}" is not a URL`, 'INVALID_URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(`notifyUrl: unsupported protocol ${url.protocol}`, 'INVALID_URL');
  const doFetch = ctx.services.fetch ?? defaultOutboundFetch();
  const response = await doFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
    body: JSON.stringify(notice),
    signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(10_000)]),
  });
  const text = await response.text();
  if (response.status >= 400) throw new HttpStatusError(response.status, text.slice(0, 500), url.toString());
}

type ApprovalNodeRun = NodeType<ApprovalSettings>['run'];
