import { describe, expect, it } from '@jest/globals';
import { checkCredentialValues } from './check-credential-values';
import { CREDENTIAL_KINDS } from './credential-kinds';

describe('checkCredentialValues', () => {
  it('accepts values that fit the kind', () => {
    expect(
      checkCredentialValues(CREDENTIAL_KINDS.smtp, { host: 'mail.test', port: 587, secure: false, password: 'pw12' }),
    ).toEqual([]);
  });

  it('names each field that is missing, unknown, mistyped or out of range', () => {
    expect(
      checkCredentialValues(CREDENTIAL_KINDS.smtp, { host: '', port: 70000, secure: 'yes', pass: 'x', password: 'ab' }),
    ).toEqual([
      'values.pass is not a field of this kind',
      'values.host must be at least 1 characters',
      'values.port must be <= 65535',
      'values.secure must be a boolean',
      'values.password must be at least 4 characters',
    ]);
    expect(checkCredentialValues(CREDENTIAL_KINDS.openai, { baseUrl: 'file:///etc' })).toEqual([
      'values.apiKey is required',
      'values.baseUrl must be an http(s) URL',
    ]);
    expect(checkCredentialValues(CREDENTIAL_KINDS['http.header'], { name: 'Bad Header', value: 'abcd' })).toEqual([
      "values.name must match ^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
    ]);
  });

  it('counts a secret kept from before as set', () => {
    expect(checkCredentialValues(CREDENTIAL_KINDS['http.bearer'], {}, new Set(['token']))).toEqual([]);
    expect(checkCredentialValues(CREDENTIAL_KINDS['http.bearer'], {})).toEqual(['values.token is required']);
  });
});
