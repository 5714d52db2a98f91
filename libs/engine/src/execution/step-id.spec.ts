import { describe, expect, it } from '@jest/globals';
import { iterationScope, nodeIdOf, parseIterationScope, scopeOf, truncateScope } from './step-id.js';

describe('step ids', () => {
  it('splits scope and node id', () => {
    expect(scopeOf('fetch')).toBe('');
    expect(scopeOf('outer[0].inner[2].fetch')).toBe('outer[0].inner[2].');
    expect(nodeIdOf('outer[0].inner[2].fetch')).toBe('fetch');
  });

  it('truncates scopes to a depth and parses the innermost iteration', () => {
    const scope = iterationScope(iterationScope('outer', 0) + 'inner', 2);
    expect(scope).toBe('outer[0].inner[2].');
    expect(truncateScope(scope, 0)).toBe('');
    expect(truncateScope(scope, 1)).toBe('outer[0].');
    expect(parseIterationScope(scope)).toEqual({ loopStepId: 'outer[0].inner', index: 2 });
    expect(parseIterationScope('')).toBeNull();
  });
});
