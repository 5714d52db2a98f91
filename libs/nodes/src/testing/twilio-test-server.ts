import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the stub accepted, as Twilio's Message resource names its fields. */
export interface TwilioMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  body: string;
  status: 'queued';
  num_segments: string;
}

/** An HTTP refusal to send instead of accepting the next message. */
export interface TwilioScriptedError {
  status: number;
  code: number;
  message: string;
}

export interface TwilioTestServer {
  /** What an `sms.twilio` credential's base URL holds. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Accepted messages, in order. */
  messages: TwilioMessage[];
  /** Form fields and headers of every request that reached the Messages endpoint, refused or not. */
  requests: Array<{ headers: IncomingMessage['headers']; form: Record<string, string> }>;
  /** Answers the next requests with these errors, first in first out. */
  failNext(...errors: TwilioScriptedError[]): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const MAX_BODY_CHARS = 1600;
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * A local stand-in for Twilio's Programmable Messaging API that keeps its protocol: `POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP basic auth with the account SID and auth
 * token, a form-encoded body (To, From or MessagingServiceSid, Body), 201 with the Message
 * resource, and Twilio's error documents (20003 authenticate, 21211 invalid To, 21602 missing
 * body, 21617 body too long, 21212/21606 bad From) with their HTTP statuses.
 */
export async function startTwilioTestServer(
  options: { accountSid?: string; authToken?: string; from?: string } = {},
): Promise<TwilioTestServer> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const owned = new Set([options.from ?? '+15005550006']);
  const messages: TwilioMessage[] = [];
  const requests: TwilioTestServer['requests'] = [];
  const scripted: TwilioScriptedError[] = [];

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
        if (!match) return sendError(res, 404, 20404, `The requested resource ${path} was not found`);
        if (req.method !== 'POST') return sendError(res, 405, 20004, 'Method not allowed');
        if (!authorised(req, accountSid, authToken) || decodeURIComponent(match[1]) !== accountSid)
          return sendError(res, 401, 20003, 'Authenticate');
        if (!/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] ?? ''))
          return sendError(res, 400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
        const form = Object.fromEntries(new URLSearchParams(raw));
        requests.push({ headers: req.headers, form });
        const error = scripted.shift();
        if (error) return sendError(res, error.status, error.code, error.message);
        const { To: to, From: from, Body: body } = form;
        if (!to) return sendError(res, 400, 21604, "A 'To' phone number is required.");
        if (!E164.test(to)) return sendError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
        if (!from && !form.MessagingServiceSid) return sendError(res, 400, 21603, "A 'From' phone number is required.");
        if (from && !E164.test(from)) return sendError(res, 400, 21212, `The 'From' number ${from} is not valid.`);
        if (from && !owned.has(from))
          return sendError(
            res,
            400,
            21606,
            `The From phone number ${from} is not a valid, SMS-capable number for your account.`,
          );
        if (!body) return sendError(res, 400, 21602, 'Message body is required.');
        if (body.length > MAX_BODY_CHARS)
          return sendError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
        const message: TwilioMessage = {
          sid: `SM${randomBytes(16).toString('hex')}`,
          account_sid: accountSid,
          to,
          from,
          body,
          status: 'queued',
          num_segments: String(Math.ceil(body.length / 153) || 1),
        };
        messages.push(message);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ...message,
            api_version: '2010-04-01',
            date_created: new Date().toUTCString(),
            direction: 'outbound-api',
            error_code: null,
            error_message: null,
            price: null,
            uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
          }),
        );
      })
      .catch(() => sendError(res, 413, 20001, 'Request too large'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    requests,
    failNext: (...errors) => void scripted.push(...errors),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function authorised(req: IncomingMessage, user: string, password: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${user}:${password}`;
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
