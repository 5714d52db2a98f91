import { Injectable, inject } from '@angular/core';
import type { ApiErrorBody } from './api-contract';
import { SessionStore } from './session.store';

const API_PREFIX = '/api';

export type QueryParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface RequestOptions {
  readonly query?: QueryParams;
  /** Send the session's bearer token. Defaults to true; public endpoints pass false. */
  readonly authenticated?: boolean;
  readonly signal?: AbortSignal;
}

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: readonly string[],
  ) {
    super(messages.join(' '));
    this.name = 'ApiError';
  }
}

/**
 * Human-readable messages for any error a store catches. `byStatus` replaces the server's text
 * for statuses the caller understands better (e.g. 401 on sign-in means bad credentials).
 */
export function describeError(error: unknown, byStatus: Readonly<Record<number, string>> = {}): string {
  if (error instanceof ApiError) {
    return byStatus[error.status] ?? (error.messages.join(' ') || 'The request failed.');
  }
  return 'Something went wrong. Please try again.';
}

/**
 * The only way the admin talks to the API: a typed fetch wrapper on the same origin.
 * A 401 on an authenticated call ends the session; the shell then sends the user to sign-in.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly session = inject(SessionStore);

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  private async request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    const token = (options.authenticated ?? true) ? this.session.token() : null;
    const headers = new Headers({ Accept: 'application/json' });
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (body !== undefined) headers.set('Content-Type', 'application/json');

    let response: Response;
    try {
      response = await fetch(buildUrl(path, options.query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, ['The server could not be reached. Check your connection and try again.']);
    }

    const payload = await readJson(response);
    if (response.ok) return payload as T;

    // Only end the session the failing request belonged to: a late 401 from an old token must
    // not sign out a user who has signed in again since.
    if (response.status === 401 && token && this.session.token() === token) {
      this.session.end('expired');
    }
    throw toApiError(response, payload);
  }
}

function buildUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A proxy error page or similar: the status line is all we can report.
    return undefined;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  if (isErrorBody(payload)) {
    const messages = typeof payload.message === 'string' ? [payload.message] : [...payload.message];
    return new ApiError(response.status, messages);
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(response.status, [`The request failed (${response.status}${statusText}).`]);
}

function isErrorBody(payload: unknown): payload is ApiErrorBody {
  if (typeof payload !== 'object' || payload === null) return false;
  const message = (payload as { message?: unknown }).message;
  return typeof message === 'string' || (Array.isArray(message) && message.every((m) => typeof m === 'string'));
}
