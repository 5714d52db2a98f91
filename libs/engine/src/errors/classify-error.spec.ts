import { describe, expect, it } from '@jest/globals';
import { classifyError } from './classify-error.js';
import { CancelledError, InvalidInputError, PermanentError, TimeoutError, TransientError } from './engine.error.js';

describe('classifyError', () => {
  it('keeps engine errors as they are', () => {
    const error = new InvalidInputError('bad');
    expect(classifyError(error)).toBe(error);
  });

  it.each([
    [{ status: 503, message: 'down' }, TransientError, 'HTTP_503'],
    [{ statusCode: 429, message: 'slow down' }, TransientError, 'HTTP_429'],
    [{ status: 404, message: 'missing' }, PermanentError, 'HTTP_404'],
    [Object.assign(new Error('reset'), { code: 'ECONNRESET' }), TransientError, 'ECONNRESET'],
    [
      new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
      TransientError,
      'ECONNREFUSED',
    ],
    [Object.assign(new Error('t'), { name: 'TimeoutError' }), TimeoutError, 'NODE_TIMEOUT'],
    [Object.assign(new Error('a'), { name: 'AbortError' }), CancelledError, 'CANCELLED'],
    [new Error('plain'), PermanentError, 'NODE_ERROR'],
    ['a string', PermanentError, 'NODE_ERROR'],
  ])('classifies %p', (input, kind, code) => {
    const result = classifyError(input);
    expect(result).toBeInstanceOf(kind);
    expect(result.code).toBe(code);
  });
});
