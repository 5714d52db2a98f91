import type { Page } from 'playwright-core';

/**
 * Keeps the body of every /api/ response the page receives, so a test can search all of them
 * (for a planted secret, say). `bodies()` waits for the ones still being read.
 */
export function recordApiResponses(page: Page): { bodies(): Promise<string[]>; paths: string[] } {
  const pending: Promise<string>[] = [];
  const paths: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    paths.push(`${response.request().method()} ${url.pathname}`);
    // A 204 or a redirect has no body to read.
    pending.push(response.text().catch(() => ''));
  });
  return { bodies: () => Promise.all(pending), paths };
}

/** Every value the page's inputs and text areas hold right now (not in page.content(): values are properties). */
export function formValues(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')).map(
      (e) => e.value,
    ),
  );
}
