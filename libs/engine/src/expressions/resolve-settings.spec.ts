import { describe, expect, it } from '@jest/globals';
import type { JsonSchemaObject } from '../nodes/node-type.js';
import { findTemplateExpressions, resolveSettings } from './resolve-settings.js';

const schema: JsonSchemaObject = {
  type: 'object',
  properties: { expression: { type: 'string', format: 'jsonata' }, level: { type: 'string', default: 'info' } },
};

describe('resolveSettings', () => {
  it('keeps the type of a whole-string template and interpolates embedded ones', async () => {
    const settings = await resolveSettings(
      { count: '{{ $count(items) }}', url: 'https://x/{{ id }}?q={{ $execution.input.q }}', nested: ['{{ id * 2 }}'] },
      schema,
      { id: 7, items: [1, 2, 3] },
      { execution: { input: { q: 'cats' } } },
    );
    expect(settings).toEqual({ level: 'info', count: 3, url: 'https://x/7?q=cats', nested: [14] });
  });

  it('leaves settings the node evaluates itself untouched', async () => {
    const settings = await resolveSettings({ expression: '{{ not a template }}' }, schema, {}, {});
    expect(settings.expression).toBe('{{ not a template }}');
    const rendered = {
      type: 'object' as const,
      properties: { template: { type: 'string' as const, format: 'template' } },
    };
    const template = '<p>{{ $.name }}</p><%= it.name %>';
    expect((await resolveSettings({ template }, rendered, { name: '<b>' }, {})).template).toBe(template);
  });

  it('finds templates for validation', () => {
    expect(findTemplateExpressions({ a: ['x {{ b }} {{ c }}'], d: 1 })).toEqual([' b ', ' c ']);
  });
});
