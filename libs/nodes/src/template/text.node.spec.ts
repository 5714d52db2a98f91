import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { templateTextNode } from './text.node.js';

describe('template.text', () => {
  it('renders plain text from the input without escaping it', async () => {
    const { result } = await runNodeForTest(
      templateTextNode,
      { name: 'Ada & <Bob>', items: [1, 2] },
      {
        template: 'Hi <%= it.name %>,\n<% for (const i of it.items) { %>- item <%= i %>\n<% } %>',
      },
    );
    expect(result.output).toEqual({ text: 'Hi Ada & <Bob>,\n- item 1\n- item 2\n' });
  });

  it('refuses an empty or unparsable template', async () => {
    await expect(runNodeForTest(templateTextNode, {}, { template: '' })).rejects.toMatchObject({
      code: 'INVALID_TEMPLATE',
    });
    await expect(runNodeForTest(templateTextNode, {}, { template: '<%= ' })).rejects.toMatchObject({
      code: 'INVALID_TEMPLATE',
    });
  });
});
