import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { classifyError, type NodeCredentials, runNodeForTest, TransientError } from '@baton/engine';
import { startTwilioTestServer, type TwilioTestServer } from '../testing/twilio-test-server.js';
import { smsSendNode } from './send.node.js';

describe('sms.send', () => {
  let twilio: TwilioTestServer;
  const values: Record<string, unknown> = {};
  const credentials: NodeCredentials = {
    get: async (id) => ({ id, kind: 'sms.twilio', name: 'Twilio', values }) as never,
  };

  beforeAll(async () => {
    twilio = await startTwilioTestServer({ from: '+15005550006' });
  });
  beforeEach(() => {
    twilio.messages.splice(0);
    twilio.requests.splice(0);
    Object.assign(values, {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: '+15005550006',
      baseUrl: twilio.baseUrl,
    });
  });
  afterAll(() => twilio.close());

  const send = (data: unknown, inputs: Record<string, unknown>) =>
    runNodeForTest(smsSendNode, data, { credentialId: 'sms-1', ...inputs }, { ctx: { credentials } });

  it('POSTs a form-encoded message with basic auth to the account’s Messages.json', async () => {
    const { result } = await send({ name: 'Ann' }, { to: '+14155550100', body: 'Hi {{ name }}, your order shipped.' });
    expect(twilio.messages).toEqual([
      expect.objectContaining({ to: '+14155550100', from: '+15005550006', body: 'Hi Ann, your order shipped.' }),
    ]);
    expect(result.output).toEqual({
      sid: twilio.messages[0].sid,
      status: 'queued',
      to: '+14155550100',
      from: '+15005550006',
      segments: 1,
    });
    const [request] = twilio.requests;
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({ To: '+14155550100', From: '+15005550006', Body: 'Hi Ann, your order shipped.' });
  });

  it('fails permanently on refused credentials and numbers, retryably on 429 and 5xx', async () => {
    values.authToken = 'not-the-token';
    expect(await send(null, { to: '+14155550100', body: 'x' }).catch(classifyError)).toMatchObject({
      code: 'SMS_20003',
      retryable: false,
    });
    values.authToken = twilio.authToken;
    expect(
      await send(null, { to: '+14155550100', body: 'x', from: '+15550001111' }).catch(classifyError),
    ).toMatchObject({
      code: 'SMS_21606',
      retryable: false,
      message: expect.stringContaining('not a valid, SMS-capable number'),
    });
    twilio.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    const limited = await send(null, { to: '+14155550100', body: 'x' }).catch(classifyError);
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ code: 'SMS_20429' });
    twilio.failNext({ status: 503, code: 20500, message: 'Internal Server Error' });
    expect(await send(null, { to: '+14155550100', body: 'x' }).catch(classifyError)).toMatchObject({
      retryable: true,
    });
    expect(twilio.messages).toEqual([]);
  });

  it('refuses what Twilio would refuse before calling it, and never shows the auth token', async () => {
    expect(await send(null, { to: '0415 555', body: 'x' }).catch(classifyError)).toMatchObject({
      code: 'INVALID_PHONE_NUMBER',
    });
    expect(await send(null, { to: '+14155550100', body: 'y'.repeat(1601) }).catch(classifyError)).toMatchObject({
      code: 'SMS_BODY_TOO_LONG',
    });
    expect(twilio.requests).toEqual([]);
    values.authToken = 'wrong-token-value';
    const refused = (await send(null, { to: '+14155550100', body: 'x' }).catch(classifyError)) as Error;
    expect(refused.message).toContain('Twilio error 20003');
    expect(refused.message).not.toContain('wrong-token-value');
    expect(smsSendNode.replaySafe).toBe(false);
  });
});
