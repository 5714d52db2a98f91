import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { htmlTextNode } from './text.node.js';

const page = `<!doctype html><html><head><title> Release notes </title><style>p{color:red}</style>
<script>var secret = "not text";</script></head><body>
  <nav>Home | Docs</nav>
  <article>
    <h1>Version   2.0</h1>
    <p>Faster <b>starts</b>,
       fewer bugs.</p>
    <ul><li>One</li><li>Two</li></ul>
    <p>Line one<br>Line two</p>
    <table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
    <pre>  keep
    this</pre>
    <noscript>Enable JavaScript</noscript>
  </article>
</body></html>`;

describe('html.text', () => {
  it('renders readable text: no scripts or styles, one line per block, the title beside it', async () => {
    const { result } = await runNodeForTest(htmlTextNode, page);
    expect(result.output).toEqual({
      title: 'Release notes',
      truncated: false,
      text: [
        'Home | Docs',
        '',
        'Version 2.0',
        '',
        'Faster starts, fewer bugs.',
        '',
        'One',
        '',
        'Two',
        '',
        'Line one',
        'Line two',
        '',
        'Name\tValue',
        '',
        'a\t1',
        '',
        'keep',
        'this',
      ].join('\n'),
    });
  });

  it('reads only the selected part and cuts to maxLength', async () => {
    const { result } = await runNodeForTest(htmlTextNode, { body: page }, { selector: 'h1, ul', maxLength: 14 });
    expect(result.output).toEqual({ title: 'Release notes', text: 'Version 2.0\n\nO', truncated: true });
  });

  it('refuses an invalid selector', async () => {
    await expect(runNodeForTest(htmlTextNode, page, { selector: 'p[' })).rejects.toMatchObject({
      code: 'INVALID_SELECTOR',
    });
  });
});
