import type { ExampleWorkflow } from './example-workflows';

const node = (id: string, type: string, label: string, x: number, y: number, inputs: Record<string, unknown>) => ({
  id,
  type,
  position: { x, y },
  data: { label, inputs },
});
const edge = (source: string, target: string) => ({
  id: `${source}-out-${target}-in`,
  source,
  target,
  sourceHandle: 'out',
  targetHandle: 'in',
});

const FIELD = (name: string) => `$execution.input.fields.${name}`;

// Placeholders the user replaces with their own credentials. A template is only resolved at run
// time, so the example saves (a literal unknown id would be refused) and a run before the user
// picks one fails on that step with "credential ... was not found".
export const AI_CREDENTIAL_PLACEHOLDER = '{{ "choose an OpenAI-compatible credential" }}';
export const SMTP_CREDENTIAL_PLACEHOLDER = '{{ "choose an SMTP credential" }}';

const section = (id: string, label: string, y: number, part: string) =>
  node(id, 'ai.generate', label, 720, y, {
    credentialId: AI_CREDENTIAL_PLACEHOLDER,
    system: 'You write clear, practical report sections of about 150 words. Plain text, no headings.',
    prompt: `Report topic: {{ ${FIELD('topic')} }}\nOutline:\n{{ text }}\n\nWrite the ${part} part of the report.`,
  });

/** Eta: every value escaped (`<%= %>`); the sections are plain text from the model. */
const REPORT_TEMPLATE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Report: <%= it.topic %></title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1a1a1a}pre{white-space:pre-wrap;font:inherit}</style></head>
<body><main>
<h1><%= it.topic %></h1>
<p>Prepared for <%= it.name %>.</p>
<h2>Outline</h2>
<pre><%= it.outline %></pre>
<% it.sections.forEach(function (text, i) { %><h2>Part <%= i + 1 %></h2>
<p><%= text %></p>
<% }) %></main></body>
</html>
`;

/**
 * The lead magnet (issue 13): a form (name, email, topic) starts it; a model writes an outline,
 * then three sections in parallel; they are merged into one HTML report (published), and its
 * public link is emailed to the person who asked. The AI and SMTP credentials are placeholders for
 * the user to replace; the form trigger is created with it and its page shows the job's status.
 */
export const leadMagnet: ExampleWorkflow = {
  key: 'lead-magnet',
  name: 'Example: lead magnet report',
  description:
    'A form asks for a topic; AI writes an outline and three sections in parallel, an HTML report is published and its link emailed. Pick an AI and an SMTP credential, then activate.',
  format: 'graph',
  tags: ['example', 'ai', 'form'],
  setup: 'Choose an OpenAI-compatible credential on the four AI steps and an SMTP credential on "Email the link".',
  trigger: {
    type: 'form',
    title: 'Get your free report',
    fields: [
      { name: 'name', label: 'Your name', type: 'text', required: true, maxLength: 100 },
      { name: 'email', label: 'Email address', type: 'email', required: true, help: 'We send the report link here' },
      { name: 'topic', label: 'Topic', type: 'text', required: true, maxLength: 200 },
    ],
    thankYou: 'Thank you! Your report is on its way.',
    response: 'status-page',
  },
  definition: {
    nodes: [
      node('start', 'trigger.manual', 'Form submitted', 40, 240, {}),
      node('outline', 'ai.generate', 'Write the outline', 380, 240, {
        credentialId: AI_CREDENTIAL_PLACEHOLDER,
        system: 'You plan short reports. Answer with a numbered outline of exactly three parts, one line each.',
        prompt: `Plan a short report on "{{ ${FIELD('topic')} }}" for {{ ${FIELD('name')} }}.`,
      }),
      section('intro', 'Write the introduction', 80, 'first (introduction)'),
      section('body', 'Write the main part', 240, 'second (main)'),
      section('close', 'Write the conclusion', 400, 'third (conclusion)'),
      node('join', 'flow.merge', 'Wait for all sections', 1060, 240, { mode: 'all' }),
      node('assemble', 'data.transform', 'Gather the report', 1400, 240, {
        expression: `{ "name": ${FIELD('name')}, "topic": ${FIELD('topic')}, "outline": $nodes.outline.text, "sections": [$.text] }`,
      }),
      node('report', 'template.html', 'Render the report', 1740, 240, {
        template: REPORT_TEMPLATE,
        fileName: 'report.html',
        publish: true,
      }),
      node('deliver', 'email.send', 'Email the link', 2080, 240, {
        credentialId: SMTP_CREDENTIAL_PLACEHOLDER,
        from: 'Reports <reports@example.com>',
        to: `{{ ${FIELD('email')} }}`,
        subject: `Your report on {{ ${FIELD('topic')} }}`,
        text: `Hello {{ ${FIELD('name')} }},\n\nyour report is ready: {{ url }}\n\nThe link works for 7 days.`,
      }),
    ],
    edges: [
      edge('start', 'outline'),
      edge('outline', 'intro'),
      edge('outline', 'body'),
      edge('outline', 'close'),
      edge('intro', 'join'),
      edge('body', 'join'),
      edge('close', 'join'),
      edge('join', 'assemble'),
      edge('assemble', 'report'),
      edge('report', 'deliver'),
    ],
  },
};
