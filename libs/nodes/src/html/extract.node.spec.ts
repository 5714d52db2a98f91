import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { htmlExtractNode } from './extract.node.js';

const page = `<!doctype html><html><head><title>Shop</title></head><body>
  <h1 class="title">  Spring
     sale </h1>
  <ul id="products">
    <li class="product" data-sku="A1"><a href="/p/a1">Kettle</a> <span class="price">19.90</span></li>
    <li class="product" data-sku="B2"><a href="/p/b2">Toaster</a> <span class="price">24.50</span></li>
    <li class="product" data-sku="C3"><a href="/p/c3">Mug</a></li>
  </ul>
  <div id="note"><p>Free <b>shipping</b></p></div>
</body></html>`;

describe('html.extract', () => {
  it('reads text, attributes, inner and outer HTML, first match or every match', async () => {
    const { result } = await runNodeForTest(htmlExtractNode, page, {
      fields: [
        { name: 'title', selector: 'h1.title' },
        { name: 'skus', selector: 'li.product', value: 'attribute', attribute: 'data-sku', multiple: true },
        { name: 'firstLink', selector: 'a', value: 'attribute', attribute: 'href' },
        { name: 'note', selector: '#note', value: 'html' },
        { name: 'bold', selector: '#note b', value: 'outerHtml' },
        { name: 'missing', selector: '.nope' },
        { name: 'none', selector: '.nope', multiple: true },
      ],
    });
    expect(result.output).toEqual({
      title: 'Spring sale',
      skus: ['A1', 'B2', 'C3'],
      firstLink: '/p/a1',
      note: '<p>Free <b>shipping</b></p>',
      bold: '<b>shipping</b>',
      missing: null,
      none: [],
    });
  });

  it('reads lists of records with sub-fields relative to each match', async () => {
    const { result } = await runNodeForTest(htmlExtractNode, null, {
      html: page,
      fields: [
        {
          name: 'products',
          selector: '#products .product',
          multiple: true,
          fields: [
            { name: 'name', selector: 'a' },
            { name: 'url', selector: 'a', value: 'attribute', attribute: 'href' },
            { name: 'price', selector: '.price' },
          ],
        },
      ],
    });
    expect(result.output).toEqual({
      products: [
        { name: 'Kettle', url: '/p/a1', price: '19.90' },
        { name: 'Toaster', url: '/p/b2', price: '24.50' },
        { name: 'Mug', url: '/p/c3', price: null },
      ],
    });
  });

  it("takes an http.request output's body and keeps whitespace with trim: false", async () => {
    const { result } = await runNodeForTest(
      htmlExtractNode,
      { status: 200, headers: {}, body: '<p> a  b </p>' },
      { fields: [{ name: 'p', selector: 'p' }], trim: false },
    );
    expect(result.output).toEqual({ p: ' a  b ' });
  });

  it('names the field of an invalid selector or incomplete field, and refuses missing HTML', async () => {
    await expect(
      runNodeForTest(htmlExtractNode, page, {
        fields: [
          { name: 'ok', selector: 'p' },
          { name: 'bad', selector: 'p[' },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_SELECTOR',
      message: expect.stringContaining('fields[1]: invalid selector "p["'),
    });
    await expect(
      runNodeForTest(htmlExtractNode, page, { fields: [{ name: 'href', selector: 'a', value: 'attribute' }] }),
    ).rejects.toMatchObject({ code: 'INVALID_FIELDS', message: 'fields[0] reads an attribute but names none' });
    await expect(
      runNodeForTest(htmlExtractNode, { status: 204 }, { fields: [{ name: 'a', selector: 'a' }] }),
    ).rejects.toMatchObject({
      code: 'HTML_MISSING',
    });
  });
});
