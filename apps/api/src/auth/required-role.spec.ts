import { describe, expect, it } from '@jest/globals';
import { requiredRole } from './required-role';

describe('requiredRole', () => {
  it('lets viewers read and requires editors for writes by default', () => {
    expect(requiredRole('GET', undefined)).toBe('viewer');
    expect(requiredRole('head', undefined)).toBe('viewer');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      expect(requiredRole(method, undefined)).toBe('editor');
    }
  });

  it('uses the endpoint @MinRole whatever the method', () => {
    expect(requiredRole('GET', 'owner')).toBe('owner');
    expect(requiredRole('POST', 'viewer')).toBe('viewer');
  });
});
