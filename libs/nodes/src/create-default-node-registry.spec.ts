import { describe, expect, it } from '@jest/globals';
import { NodeRegistry } from '@baton/engine';
import { createDefaultNodeRegistry } from './create-default-node-registry.js';
import { defaultNodeTypes } from './default-node-types.js';

describe('createDefaultNodeRegistry', () => {
  it('registers every core node type under its public id', () => {
    const registry = createDefaultNodeRegistry();
    expect(registry.list().map((n) => n.type).sort()).toEqual(
      ['data.set', 'data.transform', 'flow.condition', 'flow.delay', 'flow.fail', 'flow.loop', 'flow.merge', 'flow.switch', 'http.request', 'trigger.manual', 'util.log'],
    );
    expect(registry.findMissing(['trigger.manual', 'http.request@1'])).toEqual([]);
  });

  it('refuses a duplicate line', () => {
    expect(() => new NodeRegistry([...defaultNodeTypes, defaultNodeTypes[0]])).toThrow('registered twice');
  });
});
