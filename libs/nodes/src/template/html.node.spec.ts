import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { type ArtifactBody, type NodeArtifacts, runNodeForTest } from '@baton/engine';
import { templateHtmlNode } from './html.node.js';

/** ctx.artifacts keeping what was put, for reading back the rendered HTML. */
function recordingArtifacts() {
  const stored: Array<{ name: string; body: string; contentType: string; publish: boolean }> = [];
  const artifacts: NodeArtifacts = {
    async put(name, body: ArtifactBody, contentType, options) {
      const text = typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8');
      stored.push({ name, body: text, contentType, publish: options?.publish === true });
      const bytes = Buffer.from(text);
      return {
        artifactId: `a-${stored.length}`,
        name,
        contentType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    },
  };
  return { artifacts, stored };
}

const render = async (template: string, data: unknown, inputs: Record<string, unknown> = {}) => {
  const { artifacts, stored } = recordingArtifacts();
  const { result } = await runNodeForTest(templateHtmlNode, data, { template, ...inputs }, { ctx: { artifacts } });
  return { output: result.output as Record<string, unknown>, stored };
};

describe('template.html', () => {
  it('escapes every interpolated value, in text and in attributes', async () => {
    const attack = `<script>alert("x")</script>' onmouseover='steal()`;
    const { stored } = await render(`<p title="<%= it.name %>">Hello <%= it.name %></p>`, { name: attack });
    expect(stored[0]!.body).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;steal()">' +
        'Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;steal()</p>',
    );
    expect(stored[0]!.body).not.toContain('<script>');
  });

  it('writes raw HTML only where the template says <%~ %>, loops, and renders null as nothing', async () => {
    const { stored } = await render(
      `<ul><% for (const s of it.sections) { %><li><%= s.title %>: <%~ s.html %></li><% } %></ul><%= it.missing %>`,
      { sections: [{ title: 'A & B', html: '<em>ok</em>' }] },
    );
    expect(stored[0]!.body).toBe('<ul><li>A &amp; B: <em>ok</em></li></ul>');
  });

  it('leaves {{ }} in the template as text, so it cannot bypass escaping', async () => {
    const { stored } = await render(`<p>{{ $.name }}</p>`, { name: '<b>x</b>' });
    expect(stored[0]!.body).toBe('<p>{{ $.name }}</p>');
  });

  it('stores the document as an HTML artifact and outputs its reference', async () => {
    const { output, stored } = await render(
      '<h1><%= it.t %></h1>',
      { t: 'Report' },
      { fileName: 'report.html', publish: true },
    );
    expect(stored).toEqual([
      { name: 'report.html', body: '<h1>Report</h1>', contentType: 'text/html; charset=utf-8', publish: true },
    ]);
    expect(output).toEqual({
      artifactId: 'a-1',
      name: 'report.html',
      contentType: 'text/html; charset=utf-8',
      size: 15,
      sha256: createHash('sha256').update('<h1>Report</h1>').digest('hex'),
      publish: true,
    });
  });

  it('runs template code in the sandbox: no Node, no process, bounded time', async () => {
    await expect(render(`<%= typeof process %>|<%= typeof require %>`, {})).resolves.toMatchObject({
      stored: [{ body: 'undefined|undefined' }],
    });
    await expect(render(`<% while (true) {} %>`, {})).rejects.toMatchObject({ code: 'TEMPLATE_TIMEOUT' });
    await expect(render(`<% throw new Error('boom') %>`, {})).rejects.toMatchObject({ code: 'TEMPLATE_THREW' });
    await expect(render(`<%- include('other') %>`, {})).rejects.toMatchObject({ code: 'TEMPLATE_THREW' });
  });

  it('refuses a template that does not parse, a bad file name, and a missing artifact store', async () => {
    await expect(render(`<%= it.a `, {})).rejects.toMatchObject({ code: 'INVALID_TEMPLATE' });
    await expect(render(`<% if ( { %>`, {})).rejects.toMatchObject({ code: 'INVALID_TEMPLATE' });
    await expect(render(`x`, {}, { fileName: '../x.html' })).rejects.toMatchObject({ code: 'INVALID_SETTING' });
    await expect(runNodeForTest(templateHtmlNode, {}, { template: 'x' })).rejects.toMatchObject({
      code: 'ARTIFACTS_UNAVAILABLE',
    });
  });
});
