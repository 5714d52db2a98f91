/** The slice of an HTTP request used to build absolute public URLs. */
export interface OriginRequest {
  protocol: string;
  headers: Record<string, string | string[] | undefined>;
}

/** `http(s)://host[:port]` the caller used, so returned webhook and form URLs work from where they asked. */
export function requestOrigin(request: OriginRequest): string {
  const host = request.headers['host'];
  return `${request.protocol}://${Array.isArray(host) ? host[0] : (host ?? 'localhost')}`;
}
