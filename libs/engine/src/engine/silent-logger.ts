import type { NodeLogger } from '../nodes/node-type.js';

const ignore = (): void => undefined;

/** Default logger: the composition root passes a real one. */
export const silentLogger: NodeLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
