import { createHmac } from 'node:crypto';
import { signWebhook } from './sign-webhook';

describe('signWebhook', () => {
  it('is t=<timestamp>,v1=<hex HMAC-SHA256 of "t." + body> (the server checks the same)', async () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex');
    expect(await signWebhook('secret', '{"a":1}', 1700000000)).toBe(`t=1700000000,v1=${expected}`);
    expect(await signWebhook('secret', new TextEncoder().encode('{"a":1}'), 1700000000)).toBe(
      `t=1700000000,v1=${expected}`,
    );
  });

  it('uses the current time by default', async () => {
    const now = Math.floor(Date.now() / 1000);
    const [t] = (await signWebhook('secret', '')).split(',');
    expect(Math.abs(Number(t.slice(2)) - now)).toBeLessThanOrEqual(1);
  });
});
