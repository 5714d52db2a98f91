import { startEmbeddedOwnerBaton, type EmbeddedOwnerBaton } from '../support/embedded-owner-baton';

// Issue 11 (Low 12): every response carries the hardening headers (helmet); the console's CSP
// allows only its own scripts; X-Powered-By is gone; HSTS only when BATON_HSTS says TLS is in front.
describe('security headers (embedded tier)', () => {
  let app: EmbeddedOwnerBaton;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(['/', '/api/health', '/api/docs', '/api/workflows'])('hardens %s', async (path) => {
    const response = await fetch(`${app.baton.url}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // Plain HTTP here: HSTS would lock browsers out of the host.
    expect(response.headers.get('strict-transport-security')).toBeNull();
    await response.arrayBuffer();
  });

  it('serves a console whose scripts are all same-origin files (no inline script the CSP would block)', async () => {
    const html = await fetch(`${app.baton.url}/`).then((response) => response.text());
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter(
      ([, body]) => body.trim().length > 0,
    );
    expect(inlineScripts).toEqual([]);
    expect(html).not.toMatch(/\son(load|error|click)=/);
  });
});
