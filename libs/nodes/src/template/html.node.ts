import { PermanentError, type NodeType } from '@baton/engine';
import { renderTemplate, TEMPLATE_LIMITS } from './render-template.js';

interface TemplateHtmlSettings {
  template: string;
  fileName: string;
  publish: boolean;
}

const FILE_NAME = /^[^\u0000-\u001f\u007f/\\"]{1,255}$/;

/** Renders an HTML document from an Eta template and the step input, and stores it as an artifact. */
export const templateHtmlNode: NodeType<TemplateHtmlSettings> = {
  type: 'template.html',
  version: 1,
  title: 'HTML from template',
  group: 'data',
  description:
    'Renders an HTML document with Eta (`<%= it.name %>` escapes, `<%~ %>` writes raw HTML) from the step input, stores it as an artifact and outputs its reference.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      template: {
        type: 'string',
        format: 'template',
        description: `Eta template; the step input is \`it\`. At most ${TEMPLATE_LIMITS.maxTemplateChars} characters.`,
      },
      fileName: { type: 'string', default: 'document.html', description: 'Name of the stored file' },
      publish: {
        type: 'boolean',
        default: false,
        description: "Deliver it to people without an account (the form's job status page links it)",
      },
    },
    required: ['template'],
  },
  outputSchema: {
    type: 'object',
    description: 'The artifact reference; the HTML itself is at GET /api/artifacts/{artifactId}.',
    properties: {
      artifactId: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      contentType: { type: 'string' },
      size: { type: 'integer' },
      sha256: { type: 'string' },
      publish: { type: 'boolean' },
      url: {
        type: 'string',
        format: 'uri',
        description: 'With publish: a signed public link to the page (7 days), e.g. for an email',
      },
    },
    required: ['artifactId', 'name', 'contentType', 'size', 'sha256', 'publish'],
  },
  canStart: false,
  // A replay renders and stores the same document again (a second artifact, same bytes); nothing outside changes.
  replaySafe: true,
  traits: { estimatedDurationMs: 100 },
  async run({ data, settings }, ctx) {
    if (!ctx.artifacts) throw new PermanentError('No artifact store is bound to this engine', 'ARTIFACTS_UNAVAILABLE');
    const fileName = settings.fileName ?? 'document.html';
    if (typeof fileName !== 'string' || !FILE_NAME.test(fileName))
      throw new PermanentError(
        'fileName must be 1-255 characters without control characters, quotes or slashes',
        'INVALID_SETTING',
      );
    const html = await renderTemplate(settings.template, data, 'html', ctx);
    const publish = settings.publish === true;
    const ref = await ctx.artifacts.put(fileName, html, 'text/html; charset=utf-8', { publish });
    return { output: { ...ref, publish } };
  },
};
