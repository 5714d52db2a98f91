import type { HandleDataType } from './node-type.js';

/**
 * Whether an output of type `source` may feed an input of type `target`: equal types, or `any`
 * on either end. A `page` handle (a live browser page) connects only to another `page`: data
 * nodes cannot use it and a browser node cannot work without it.
 */
export function handleTypesConnect(source: HandleDataType, target: HandleDataType): boolean {
  if (source === 'page' || target === 'page') return source === target;
  return source === 'any' || target === 'any' || source === target;
}
