import { InvalidInputError, type HandleSpec, type JsonSchemaProperty } from '@baton/engine';

/**
 * What a `page` handle carries from one browser node to the next: which page of which execution's
 * browser context, and which process holds it (a page is a live object in one process's Chromium).
 */
export interface PageHandle {
  kind: 'browser.page';
  executionId: string;
  pageId: string;
  /** The BrowserSessions instance (one per process) that holds the page. */
  owner: string;
}

/** The typed handle browser nodes connect with; the editor and validator let `page` meet only `page`. */
export const PAGE_INPUT: HandleSpec = {
  name: 'page',
  dataType: 'page',
  required: true,
  description: 'The page a browser.open (or an earlier browser node) handed on',
};
export const PAGE_OUTPUT: HandleSpec = {
  name: 'page',
  dataType: 'page',
  description: 'The same page, for the next browser node',
};

/** JSON Schema of the handle inside node outputs. */
export const PAGE_HANDLE_SCHEMA: JsonSchemaProperty = {
  type: 'object',
  description: 'A handle to a live page (only browser nodes use it)',
  properties: {
    kind: { type: 'string', enum: ['browser.page'] },
    executionId: { type: 'string' },
    pageId: { type: 'string' },
    owner: { type: 'string' },
  },
};

/** The handle on the `page` input: a browser node's output (`{ page, ... }`) or a bare handle. */
export function readPageHandle(handles: Record<string, unknown>): PageHandle {
  const value = handles['page'];
  const handle = isPageHandle(value)
    ? value
    : isPageHandle(asRecord(value)?.['page'])
      ? asRecord(value)!['page']
      : null;
  if (!handle)
    throw new InvalidInputError(
      'no page: connect the "page" input to the "page" output of browser.open or another browser node',
      'BROWSER_PAGE_MISSING',
    );
  return handle as PageHandle;
}

function isPageHandle(value: unknown): value is PageHandle {
  const record = asRecord(value);
  return (
    record?.['kind'] === 'browser.page' &&
    typeof record['executionId'] === 'string' &&
    typeof record['pageId'] === 'string' &&
    typeof record['owner'] === 'string'
  );
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}
