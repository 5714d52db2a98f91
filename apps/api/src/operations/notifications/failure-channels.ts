import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type { FailureNotificationSettings } from '@baton/persistence';
import { signWebhookPayload } from '../../triggers/webhooks/verify-webhook-signature';
import { describeFailure, type FailureReport } from './failure-report';

const TIMEOUT_MS = 10_000;

/** What a channel needs from outside: the SSRF-guarded fetch and host check, and the workspace's credentials. */
export interface ChannelServices {
  fetch: typeof fetch;
  resolveOutboundHost: (host: string) => Promise<string>;
  /** The opened values of a workspace credential of that kind (throws when missing or of another kind). */
  credential(executionId: string, id: string, kind: 'secret' | 'smtp'): Promise<Record<string, unknown>>;
  now(): number;
}

/**
 * POSTs the report, signed like Baton's own webhooks (`X-Baton-Signature: t=<unix s>,v1=<hex
 * HMAC-SHA256 of "t.body">`) when a `secret` credential is named. 2xx is delivered; anything else throws.
 */
export async function sendFailureWebhook(
  target: NonNullable<FailureNotificationSettings['webhook']>,
  report: FailureReport,
  services: ChannelServices,
): Promise<void> {
  const body = JSON.stringify(report);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Baton-Alerts/1',
    'x-baton-event': report.type,
    'x-baton-delivery': `${report.execution.id}:webhook`,
  };
  if (target.secretCredentialId) {
    const { value } = await services.credential(report.execution.id, target.secretCredentialId, 'secret');
    const timestamp = String(Math.floor(services.now() / 1000));
    headers['x-baton-signature'] =
      `t=${timestamp},v1=${signWebhookPayload(String(value), timestamp, Buffer.from(body))}`;
  }
  const response = await services.fetch(target.url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // The body is not read: only the status matters, and a large one must not be buffered.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered HTTP ${response.status}`);
}

/** Sends the report as a plain-text email through the workspace's `smtp` credential. */
export async function sendFailureEmail(
  target: NonNullable<FailureNotificationSettings['email']>,
  report: FailureReport,
  services: ChannelServices,
): Promise<void> {
  const smtp = await services.credential(report.execution.id, target.credentialId, 'smtp');
  const host = String(smtp['host']);
  // Connect to the address the outbound policy checked; TLS still verifies the certificate of the name.
  const address = await services.resolveOutboundHost(host);
  const transport = createTransport({
    host: address,
    port: Number(smtp['port']),
    secure: smtp['secure'] === true,
    ...(isIP(host) ? {} : { tls: { servername: host } }),
    ...(smtp['user'] ? { auth: { user: String(smtp['user']), pass: String(smtp['password'] ?? '') } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const { subject, text } = describeFailure(report);
    await transport.sendMail({
      from: target.from,
      to: target.to,
      subject,
      text,
      // One Message-ID per failed execution: a retried send after a lost answer dedupes at the receiver.
      messageId: `<failure-${report.execution.id}@baton>`,
    });
  } finally {
    transport.close();
  }
}
