import { describe, expect, it } from '@jest/globals';
import { defaultNodeTypes } from './default-node-types.js';

// Replay safety (issue 12, item 9): a node whose run changes something outside Baton must say so,
// so the monitor and the docs can warn that a crash-replay may repeat it; each of these passes
// ctx.idempotencyKey where its protocol has a place for it (their own specs check the header or
// Message-ID on the wire).
const OUTSIDE_EFFECTS = ['email.send', 'sms.send', 'webhook.send', 'http.request'];
const PURE = ['code.run', 'ai.extract', 'ai.generate', 'html.extract', 'html.text', 'data.transform', 'data.set'];

describe('replay safety of the core node types', () => {
  const byType = new Map(defaultNodeTypes.map((nodeType) => [nodeType.type, nodeType]));

  it.each(OUTSIDE_EFFECTS)('%s has outside effects and is not replay safe', (type) => {
    expect(byType.get(type)).toMatchObject({ replaySafe: false, traits: { callsExternal: true } });
  });

  it.each(PURE)('%s changes nothing outside and is replay safe', (type) => {
    expect(byType.get(type)?.replaySafe).toBe(true);
  });
});
