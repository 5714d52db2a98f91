import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { FormJobTokens } from './form-job-token';

describe('FormJobTokens', () => {
  const tokens = new FormJobTokens(Buffer.alloc(32, 7));
  const executionId = randomUUID();

  it('opens on the form that issued it and reveals nothing of the execution id', () => {
    const token = tokens.issue('form-a', executionId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{59}$/);
    expect(token).not.toContain(executionId.replace(/-/g, '').slice(0, 8));
    expect(tokens.read('form-a', token)).toBe(executionId);
    expect(tokens.issue('form-a', executionId)).not.toBe(token);
  });

  it("refuses another form's, a changed, a malformed and another key's token", () => {
    const token = tokens.issue('form-a', executionId);
    expect(tokens.read('form-b', token)).toBeNull();
    const changed = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(tokens.read('form-a', changed)).toBeNull();
    expect(tokens.read('form-a', 'short')).toBeNull();
    expect(tokens.read('form-a', `${token.slice(0, 58)}!`)).toBeNull();
    expect(new FormJobTokens(Buffer.alloc(32, 8)).read('form-a', token)).toBeNull();
  });
});
