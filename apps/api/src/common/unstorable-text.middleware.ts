import { findUnstorableText } from './find-unstorable-text';

interface RequestParts {
  body?: unknown;
  query?: unknown;
  url?: string;
}
interface Reply {
  status(code: number): { json(body: unknown): void };
}

/**
 * Refuses, with a 400 naming the field, any request whose body, query or path holds text the
 * database cannot store or JSON nested beyond reason. Runs after the body parsers and before
 * routing, so every endpoint (webhooks and forms too) is covered by one check.
 */
export function unstorableTextMiddleware(req: RequestParts, res: Reply, next: () => void): void {
  let path = req.url ?? '';
  try {
    path = decodeURIComponent(path.split('?')[0]);
  } catch {
    return refuse(res, 'path', 'is not valid percent-encoding');
  }
  const found =
    findUnstorableText(path, 'path') ?? findUnstorableText(req.query, 'query') ?? findUnstorableText(req.body, 'body');
  if (found) return refuse(res, found.path, found.problem);
  next();
}

function refuse(res: Reply, field: string, problem: string): void {
  res.status(400).json({ statusCode: 400, error: 'VALIDATION_FAILED', message: [`${field} ${problem}`] });
}
