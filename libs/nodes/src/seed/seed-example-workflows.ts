import type { SeedWorkflowDocument } from './map-seed-workflow.js';

// Test fixtures (the mapping spec and the API import test): seed-format workflows.

// The example under "Workflow Structure" in shared/seeds/001_c8ec52a2e8971b46.txt, verbatim.
export const SEED_EXAMPLE = {
  id: 'uuid',
  name: 'Workflow Name',
  description: 'Workflow description',
  nodes: [
    {
      id: 'node-1',
      type: 'launch_standard_browser',
      position: { x: 100, y: 100 },
      data: { inputs: { 'Website URL': 'https://example.com' } },
    },
  ],
  edges: [{ id: 'edge-1', source: 'node-1', target: 'node-2', sourceHandle: 'Web Page', targetHandle: 'Web Page' }],
  cron: '0 9 * * 1-5',
  status: 'active',
};

/** A whole seed-style scrape: every seed node type, connected by the seed's handle names. */
export function seedScrapeWorkflow(url: string): SeedWorkflowDocument {
  const node = (id: string, type: string, inputs: Record<string, unknown>, x: number) => ({
    id,
    type,
    position: { x, y: 100 },
    data: { inputs },
  });
  const edge = (source: string, target: string, sourceHandle: string, targetHandle: string) => ({
    id: `${source}-${target}`,
    source,
    target,
    sourceHandle,
    targetHandle,
  });
  return {
    name: 'Seed scrape',
    description: 'Signs up and reads the welcome',
    nodes: [
      node('browser', 'launch_standard_browser', { 'Website URL': url }, 0),
      node('fill', 'fill_input', { Selector: '#name', Value: 'Ada' }, 200),
      node('click', 'click_element', { Selector: '#send' }, 400),
      node('html', 'get_html', {}, 600),
      node('text', 'get_text_from_html', { Selector: '#result' }, 800),
      node(
        'extract',
        'extract_data_openai',
        {
          Prompt: 'Find the name of the person welcomed.',
          Schema: JSON.stringify({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }),
        },
        1000,
      ),
    ],
    edges: [
      edge('browser', 'fill', 'Web Page', 'Web Page'),
      edge('fill', 'click', 'Web Page', 'Web Page'),
      edge('click', 'html', 'Web Page', 'Web Page'),
      edge('html', 'text', 'Web Page', 'Web Page'),
      edge('text', 'extract', 'Text', 'Text'),
    ],
    cron: '*/30 * * * *',
    status: 'active',
  };
}
