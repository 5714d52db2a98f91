import { type NodeType } from '@baton/engine';
import { renderTemplate, TEMPLATE_LIMITS } from './render-template.js';

interface TemplateTextSettings {
  template: string;
}

/** Renders plain text (an email body, a message) from an Eta template and the step input. */
export const templateTextNode: NodeType<TemplateTextSettings> = {
  type: 'template.text',
  version: 1,
  title: 'Text from template',
  group: 'data',
  description: 'Renders plain text with Eta (`<%= it.name %>`, nothing escaped) from the step input and outputs it.',
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
    },
    required: ['template'],
  },
  outputSchema: {
    type: 'object',
    properties: { text: { type: 'string' } },
    required: ['text'],
  },
  canStart: false,
  replaySafe: true,
  traits: { estimatedDurationMs: 100 },
  async run({ data, settings }, ctx) {
    return { output: { text: await renderTemplate(settings.template, data, 'text', ctx) } };
  },
};
