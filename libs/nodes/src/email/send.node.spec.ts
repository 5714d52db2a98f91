import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  classifyError,
  type NodeContext,
  type NodeCredentials,
  PermanentError,
  type ResolvedCredential,
  runNodeForTest,
} from '@baton/engine';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createGuardedHostResolver } from '../net/create-guarded-host-resolver.js';
import { emailSendNode } from './send.node.js';

interface Delivery {
  from: string;
  to: string[];
  user?: string;
  message: ParsedMail;
}

// A real SMTP server (the smtp-server package) on loopback: what arrives is parsed back with
// mailparser, so the assertions are about the message on the wire, not about nodemailer calls.
describe('email.send', () => {
  let server: SMTPServer;
  let port: number;
  const deliveries: Delivery[] = [];
  const connections: string[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: true,
      logger: false,
      onConnect(session, callback) {
        connections.push(session.remoteAddress);
        callback();
      },
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 'smtp-pass-1') callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@full.test'))
          callback(Object.assign(new Error('Mailbox full, try later'), { responseCode: 452 }));
        else callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((message) => {
            deliveries.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              user: session.user as string | undefined,
              message,
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const smtp = (values: Partial<ResolvedCredential<'smtp'>['values']> = {}): NodeCredentials => ({
    get: async (id) => {
      if (id !== 'smtp-1') throw new PermanentError(`Credential ${id} was not found`, 'CREDENTIAL_NOT_FOUND');
      return {
        id,
        kind: 'smtp',
        name: 'Test relay',
        values: { host: '127.0.0.1', port, secure: false, user: 'mailer', password: 'smtp-pass-1', ...values },
      } as never;
    },
  });
  const loopback = { resolveOutboundHost: createGuardedHostResolver(['127.0.0.1']) };
  const send = (inputs: Record<string, unknown>, ctx: Partial<NodeContext> = {}) =>
    runNodeForTest(
      emailSendNode,
      { customer: 'Ann', order: 42 },
      { credentialId: 'smtp-1', from: 'Baton <bot@baton.test>', ...inputs },
      { ctx: { credentials: smtp(), services: loopback, ...ctx } },
    );

  it('delivers to, cc and bcc with subject, text, html and attachments', async () => {
    const { result } = await send({
      to: 'Ann <ann@example.test>',
      cc: ['ops@example.test'],
      bcc: 'audit@example.test',
      replyTo: 'help@baton.test',
      subject: 'Order {{ order }} shipped',
      text: 'Hello {{ customer }}, order {{ order }} is on its way.',
      html: '<p>Hello <b>{{ customer }}</b></p>',
      attachments: [
        { filename: 'receipt.txt', content: 'total: 9.99' },
        {
          filename: 'pixel.png',
          content: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'),
          encoding: 'base64',
          contentType: 'image/png',
        },
      ],
    });
    const delivery = deliveries.at(-1)!;
    expect(delivery.user).toBe('mailer');
    expect(delivery.from).toBe('bot@baton.test');
    // Bcc is in the envelope only.
    expect(delivery.to).toEqual(['ann@example.test', 'ops@example.test', 'audit@example.test']);
    const message = delivery.message;
    expect(message.subject).toBe('Order 42 shipped');
    expect(message.from?.text).toBe('"Baton" <bot@baton.test>');
    expect(message.to && !Array.isArray(message.to) && message.to.text).toBe('"Ann" <ann@example.test>');
    expect(message.cc && !Array.isArray(message.cc) && message.cc.text).toBe('ops@example.test');
    expect(message.bcc).toBeUndefined();
    expect(message.headers.get('bcc')).toBeUndefined();
    expect(message.replyTo?.text).toBe('help@baton.test');
    expect(message.text?.trim()).toBe('Hello Ann, order 42 is on its way.');
    expect(message.html).toContain('<p>Hello <b>Ann</b></p>');
    expect(message.attachments.map((a) => [a.filename, a.contentType, a.content.toString('hex')])).toEqual([
      ['receipt.txt', 'text/plain', Buffer.from('total: 9.99').toString('hex')],
      ['pixel.png', 'image/png', '89504e47'],
    ]);
    // The Message-ID comes from the attempt's idempotency key, in the sender's domain.
    expect(message.messageId).toMatch(/^<[0-9a-f]{32}@baton\.test>$/);
    expect(result.output).toMatchObject({
      messageId: message.messageId,
      accepted: ['ann@example.test', 'ops@example.test', 'audit@example.test'],
      rejected: [],
      response: expect.stringContaining('250'),
    });
  });

  it('keeps the Message-ID of one attempt and changes it with the next', async () => {
    const first = await send({ to: 'a@example.test', subject: 'x', text: 'x' });
    const replay = await send({ to: 'a@example.test', subject: 'x', text: 'x' });
    const retry = await send({ to: 'a@example.test', subject: 'x', text: 'x' }, { idempotencyKey: 'exec-1:node:2' });
    const ids = [first, replay, retry].map(({ result }) => (result.output as { messageId: string }).messageId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('fails permanently on bad credentials and retryably when the server says try later', async () => {
    const badAuth = await send(
      { to: 'a@example.test', subject: 'x', text: 'x' },
      { credentials: smtp({ password: 'wrong-pass' }) },
    ).catch(classifyError);
    expect(badAuth).toMatchObject({ code: 'EAUTH', retryable: false });
    const full = await send({ to: 'b@full.test', subject: 'x', text: 'x' }).catch(classifyError);
    expect(full).toMatchObject({ code: 'SMTP_452', retryable: true });
  });

  it('refuses a loopback SMTP host under the default outbound policy without connecting', async () => {
    const before = connections.length;
    const blocked = await send({ to: 'a@example.test', subject: 'x', text: 'x' }, { services: {} }).catch(
      classifyError,
    );
    expect(blocked).toMatchObject({ code: 'DESTINATION_BLOCKED', retryable: false });
    expect(connections.length).toBe(before);
  });

  it('refuses oversized attachments before connecting', async () => {
    const before = connections.length;
    const big = 'x'.repeat(10 * 1024 * 1024 + 1);
    await expect(
      send({ to: 'a@example.test', subject: 'x', attachments: [{ filename: 'big.txt', content: big }] }),
    ).rejects.toMatchObject({ code: 'ATTACHMENTS_TOO_LARGE' });
    expect(connections.length).toBe(before);
  });
});
