/** An image a step returned in its output (browser.screenshot: `{ mimeType, base64, bytes, url }`). */
export interface StepImage {
  /** Where in the output it sits (`out`, `shots[1]`), for its caption. */
  readonly path: string;
  readonly mimeType: string;
  readonly base64: string;
  readonly bytes: number | null;
  readonly url: string | null;
}

// Raster formats only: an SVG "screenshot" is a document, not a picture, and is not drawn.
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// browser.screenshot caps images at 2 MiB; anything far larger is not one of ours.
const MAX_BASE64_CHARS = 4 * 1024 * 1024;
const MAX_DEPTH = 3;
const MAX_IMAGES = 12;

/** Every inline image in a step's output, outermost first, at most a dozen. */
export function findStepImages(output: unknown): StepImage[] {
  const images: StepImage[] = [];
  visit(output, '', 0, images);
  return images;
}

/** The output with each inline image's base64 replaced by a short note (the image is drawn instead). */
export function withoutImageData(output: unknown, depth = 0): unknown {
  if (asImage(output, '')) {
    const { base64, ...rest } = output as Record<string, unknown>;
    return { ...rest, base64: `(${(base64 as string).length} characters of base64, shown as an image)` };
  }
  if (depth >= MAX_DEPTH || output === null || typeof output !== 'object') return output;
  if (Array.isArray(output)) return output.map((item) => withoutImageData(item, depth + 1));
  return Object.fromEntries(Object.entries(output).map(([key, value]) => [key, withoutImageData(value, depth + 1)]));
}

function visit(value: unknown, path: string, depth: number, images: StepImage[]): void {
  if (images.length >= MAX_IMAGES || value === null || typeof value !== 'object') return;
  const image = asImage(value, path);
  if (image) {
    images.push(image);
    return;
  }
  if (depth >= MAX_DEPTH) return;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [`${path}[${index}]`, item] as const)
    : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item] as const);
  for (const [childPath, child] of entries) visit(child, childPath, depth + 1, images);
}

function asImage(value: unknown, path: string): StepImage | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { mimeType, base64, bytes, url } = value as Record<string, unknown>;
  if (typeof mimeType !== 'string' || !IMAGE_TYPES.has(mimeType)) return null;
  if (typeof base64 !== 'string' || base64.length > MAX_BASE64_CHARS || !BASE64.test(base64)) return null;
  return {
    path: path || 'output',
    mimeType,
    base64,
    bytes: typeof bytes === 'number' ? bytes : null,
    url: typeof url === 'string' ? url : null,
  };
}
