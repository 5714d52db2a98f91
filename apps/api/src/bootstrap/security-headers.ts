import helmet from 'helmet';

/**
 * HTTP hardening for every response (API, console, Swagger, forms): a CSP that lets the console
 * and Swagger UI load only their own scripts (styles may be inline: Angular injects component
 * styles at run time), no framing, no MIME sniffing, no referrer, no `X-Powered-By`. HSTS only
 * when the operator says Baton is served over TLS (`BATON_HSTS=true`); on plain HTTP it would
 * lock browsers out of the host.
 */
export function securityHeaders(options: { hsts: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // The console starts web workers from blob: URLs (timers that keep running in background tabs).
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' },
    // Removes X-Powered-By (helmet's option turns the removal on).
    xPoweredBy: true,
  });
}
