import { describe, expect, it } from '@jest/globals';
import { handleTypesConnect } from './handle-types-connect.js';

describe('handleTypesConnect', () => {
  it('lets any meet everything and equal types meet', () => {
    expect(handleTypesConnect('any', 'object')).toBe(true);
    expect(handleTypesConnect('string', 'any')).toBe(true);
    expect(handleTypesConnect('object', 'object')).toBe(true);
    expect(handleTypesConnect('object', 'string')).toBe(false);
  });

  it('lets a page output meet only a page input', () => {
    expect(handleTypesConnect('page', 'page')).toBe(true);
    expect(handleTypesConnect('page', 'any')).toBe(false);
    expect(handleTypesConnect('any', 'page')).toBe(false);
    expect(handleTypesConnect('object', 'page')).toBe(false);
  });
});
