import { describe, expect, it } from '@jest/globals';
import { InvariantViolationError } from '../errors/engine.error.js';
import { NodeRegistry } from './node-registry.js';
import type { AnyNodeType } from './node-type.js';

const nodeType = (type: string, version: number): AnyNodeType => ({
  type,
  version,
  title: type,
  group: 'util',
  description: '',
  inputs: [],
  outputs: [],
  settingsSchema: { type: 'object', properties: {} },
  canStart: false,
  replaySafe: true,
  run: async () => ({ output: version }),
});

describe('NodeRegistry', () => {
  it('refuses a duplicate type@version', () => {
    expect(() => new NodeRegistry([nodeType('a.b', 1), nodeType('a.b', 1)])).toThrow(InvariantViolationError);
  });

  it('resolves the latest version unless a version is given', () => {
    const registry = new NodeRegistry([nodeType('a.b', 1), nodeType('a.b', 2)]);
    expect(registry.get('a.b').version).toBe(2);
    expect(registry.get('a.b@1').version).toBe(1);
    expect(registry.find('a.c')).toBeUndefined();
  });

  it('reports missing types', () => {
    const registry = new NodeRegistry([nodeType('a.b', 1)]);
    expect(registry.findMissing(['a.b', 'x.y'])).toEqual(['x.y']);
    expect(() => registry.assertHas(['x.y'])).toThrow('Missing node types: x.y');
  });
});
