import { describe, expect, it } from '@jest/globals';
import { NodeRegistry, validateGraphDefinition } from '@baton/engine';
import { createDefaultNodeRegistry } from './create-default-node-registry.js';
import { defaultNodeTypes } from './default-node-types.js';

describe('createDefaultNodeRegistry', () => {
  it('registers every core node type under its public id', () => {
    const registry = createDefaultNodeRegistry();
    expect(
      registry
        .list()
        .map((n) => n.type)
        .sort(),
    ).toEqual([
      'ai.extract',
      'ai.generate',
      'browser.click',
      'browser.close',
      'browser.fill',
      'browser.html',
      'browser.open',
      'browser.screenshot',
      'browser.text',
      'browser.waitFor',
      'code.run',
      'data.set',
      'data.transform',
      'email.send',
      'flow.approval',
      'flow.condition',
      'flow.delay',
      'flow.fail',
      'flow.loop',
      'flow.merge',
      'flow.subworkflow',
      'flow.switch',
      'html.extract',
      'html.text',
      'http.request',
      'sms.send',
      'template.html',
      'template.text',
      'trigger.manual',
      'util.log',
      'webhook.send',
    ]);
    expect(registry.findMissing(['trigger.manual', 'http.request@1'])).toEqual([]);
  });

  it('refuses a duplicate line', () => {
    expect(() => new NodeRegistry([...defaultNodeTypes, defaultNodeTypes[0]])).toThrow('registered twice');
  });

  it("refuses a loop's array result into data.set, which edits an object", () => {
    const registry = createDefaultNodeRegistry();
    const node = (id: string, type: string, inputs: Record<string, unknown> = {}) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      data: { inputs },
    });
    const definition = {
      nodes: [
        node('start', 'trigger.manual'),
        node('each', 'flow.loop'),
        node('body', 'util.log', { message: 'item' }),
        node('tag', 'data.set', { values: { a: 1 } }),
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'each' },
        { id: 'e2', source: 'each', sourceHandle: 'item', target: 'body' },
        { id: 'e3', source: 'body', target: 'each', targetHandle: 'next' },
        { id: 'e4', source: 'each', sourceHandle: 'done', target: 'tag' },
      ],
    };
    expect(validateGraphDefinition(definition, registry).problems).toEqual([
      { path: 'edges[3]', message: 'handle types do not match: "done" gives array, "in" takes object', edgeId: 'e4' },
    ]);
  });
});
