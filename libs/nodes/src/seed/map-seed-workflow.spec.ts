import { describe, expect, it } from '@jest/globals';
import { validateGraphDefinition } from '@baton/engine';
import { createDefaultNodeRegistry } from '../create-default-node-registry.js';
import { mapSeedWorkflow } from './map-seed-workflow.js';
import { SEED_EXAMPLE, seedScrapeWorkflow } from './seed-example-workflows.js';

describe('mapSeedWorkflow', () => {
  const registry = createDefaultNodeRegistry();
  const context = { findNodeType: (type: string) => registry.find(type) };

  it("maps the seed's example: type, input name, cron and status; the dangling edge is dropped and said", () => {
    const mapped = mapSeedWorkflow(SEED_EXAMPLE, context);
    expect(mapped).toMatchObject({
      name: 'Workflow Name',
      description: 'Workflow description',
      status: 'active',
      cron: '0 9 * * 1-5',
      definition: {
        nodes: [
          {
            id: 'node-1',
            type: 'browser.open',
            position: { x: 100, y: 100 },
            data: { inputs: { url: 'https://example.com' } },
          },
        ],
        edges: [],
      },
    });
    expect(mapped.notes).toEqual([
      'edges[0]: connects to node "node-2", which the workflow does not have; dropped',
      'id: Baton gives the imported workflow an id of its own',
    ]);
    expect(validateGraphDefinition(mapped.definition, registry)).toEqual({ valid: true, problems: [] });
  });

  it('maps every seed node type and handle name onto a graph Baton accepts', () => {
    const mapped = mapSeedWorkflow(seedScrapeWorkflow('http://localhost:1/'), {
      ...context,
      credentials: { openai: '00000000-0000-4000-8000-000000000001' },
    });
    const { nodes, edges } = mapped.definition;
    expect(nodes.map((n) => [n.id, n.type, n.data.inputs])).toEqual([
      ['browser', 'browser.open', { url: 'http://localhost:1/' }],
      ['fill', 'browser.fill', { selector: '#name', value: 'Ada' }],
      ['click', 'browser.click', { selector: '#send' }],
      ['html', 'browser.html', {}],
      ['text', 'html.text', { selector: '#result' }],
      [
        'extract',
        'ai.extract',
        {
          system: 'Find the name of the person welcomed.',
          schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
          credentialId: '00000000-0000-4000-8000-000000000001',
        },
      ],
    ]);
    expect(edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}:${e.targetHandle}`)).toEqual([
      'browser:page->fill:page',
      'fill:page->click:page',
      'click:page->html:page',
      'html:out->text:in',
      'text:out->extract:in',
    ]);
    expect(validateGraphDefinition(mapped.definition, registry)).toEqual({ valid: true, problems: [] });
  });

  it('says what it drops and refuses what is not a workflow', () => {
    const mapped = mapSeedWorkflow(
      {
        nodes: [{ id: 'a', type: 'click_element', data: { inputs: { Selector: 'b', Colour: 'red' } } }],
        status: 'archived',
      },
      context,
    );
    expect(mapped.definition.nodes[0].data.inputs).toEqual({ selector: 'b' });
    expect(mapped.notes).toEqual([
      'nodes[0].data.inputs["Colour"]: browser.click has no such setting; dropped',
      'status: "archived" is not draft, active or paused; the workflow is a draft',
    ]);
    expect(mapped.status).toBeUndefined();
    expect(() => mapSeedWorkflow({ nodes: [{ type: 'get_html' }] }, context)).toThrow('nodes[0].id');
    // Names of inherited properties are not aliases.
    const inherited = mapSeedWorkflow(
      {
        nodes: [
          { id: 'p', type: '__proto__', data: { inputs: { constructor: 1 } } },
          { id: 'c', type: 'click_element', data: { inputs: { constructor: 'x', toString: 'y' } } },
        ],
        edges: [{ source: 'p', target: 'c', sourceHandle: 'constructor', targetHandle: '__proto__' }],
      },
      context,
    );
    expect(inherited.definition.nodes.map((n) => [n.type, n.data.inputs])).toEqual([
      ['__proto__', { constructor: 1 }],
      ['browser.click', {}],
    ]);
    expect(inherited.definition.edges[0]).toMatchObject({ sourceHandle: 'constructor', targetHandle: 'page' });
    expect(() =>
      mapSeedWorkflow(
        { nodes: [{ id: 'x', type: 'extract_data_openai', data: { inputs: { Schema: '{' } } }] },
        context,
      ),
    ).toThrow('nodes[0].data.inputs["Schema"] is not valid JSON');
  });
});
