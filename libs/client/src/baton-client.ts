import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { BatonApiError } from './baton-api.error.js';
import type { components, operations, paths } from './generated/openapi.js';
import { readServerSentEvents } from './read-server-sent-events.js';

type Schemas = components['schemas'];
export type Workflow = Schemas['WorkflowDto'];
export type WorkflowPage = Schemas['WorkflowPageDto'];
export type CreateWorkflowInput = Schemas['CreateWorkflowDto'];
export type UpdateWorkflowInput = Schemas['UpdateWorkflowDto'];
export type ExecuteWorkflowInput = Schemas['ExecuteWorkflowDto'];
export type StartedExecution = Schemas['StartedExecutionDto'];
export type ValidateDefinitionInput = Schemas['ValidateDefinitionDto'];
export type DefinitionValidation = Schemas['DefinitionValidationDto'];
export type Execution = Schemas['ExecutionDto'];
export type ExecutionPage = Schemas['ExecutionPageDto'];
export type ListExecutionsQuery = NonNullable<operations['ExecutionsController_list']['parameters']['query']>;
export type ListWorkflowsQuery = NonNullable<operations['WorkflowsController_list']['parameters']['query']>;

/** An execution event as GET /api/executions/{id}/stream sends it (`data:` of each message). */
export interface ExecutionEvent {
  executionId: string;
  workflowId: string | null;
  workspaceId: string;
  /** 1, 2, 3... per execution, gap-free. */
  sequence: number;
  type: string;
  stepId?: string;
  attempt?: number;
  data?: Record<string, unknown>;
  /** ISO 8601. */
  timestamp: string;
}

export interface BatonClientOptions {
  /** The server's origin, e.g. `https://baton.example.com` (paths start with `/api`). */
  baseUrl: string;
  /** A bearer token from POST /api/auth/login; a function is asked before every request (refresh). */
  accessToken?: string | (() => string | Promise<string>);
  /** An API key (`X-API-Key`), for services. */
  apiKey?: string;
  /** Defaults to the global fetch (Node 20+, browsers). */
  fetch?: typeof fetch;
}

export interface StreamOptions {
  /** Start after this sequence number (0: from the first event). */
  afterSequence?: number;
  signal?: AbortSignal;
  /** Reconnect attempts in a row after a dropped connection (default 5). */
  maxReconnects?: number;
}

const TERMINAL_EVENTS = new Set(['completed', 'failed', 'cancelled']);
const TERMINAL_STATUSES = new Set(['completed', 'failed', 'cancelled']);
const RECONNECT_DELAY_MS = 500;

/**
 * A typed client for the Baton API. `api` is the whole API, typed from the OpenAPI document
 * (`api.GET('/api/nodes')`); `workflows` and `executions` wrap the common calls, return the
 * response body and throw {@link BatonApiError} for every 4xx/5xx.
 */
export class BatonClient {
  /** Every operation of the API, typed by path and method (openapi-fetch); answers `{ data, error, response }`. */
  readonly api: Client<paths>;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: BatonClientOptions) {
    // A bare call of the global fetch: some browsers refuse it as a method of another object.
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: this.fetcher });
    const authenticate: Middleware = {
      onRequest: async ({ request }) => {
        for (const [name, value] of Object.entries(await this.credentialHeaders())) request.headers.set(name, value);
        return request;
      },
    };
    this.api.use(authenticate);
  }

  readonly workflows = {
    create: (body: CreateWorkflowInput) => bodyOf(this.api.POST('/api/workflows', { body })),
    list: (query: ListWorkflowsQuery = {}) => bodyOf(this.api.GET('/api/workflows', { params: { query } })),
    get: (id: string) => bodyOf(this.api.GET('/api/workflows/{id}', { params: { path: { id } } })),
    /** Records a new immutable version when the definition changes. */
    update: (id: string, body: UpdateWorkflowInput) =>
      bodyOf(this.api.PUT('/api/workflows/{id}', { params: { path: { id } }, body })),
    /** Checks a definition without saving it; every problem at once. */
    validate: (body: ValidateDefinitionInput) => bodyOf(this.api.POST('/api/workflows/validate', { body })),
    /** Starts an execution; in immediate mode the answer carries the output. */
    execute: (id: string, body: ExecuteWorkflowInput = {}) =>
      bodyOf(this.api.POST('/api/workflows/{id}/execute', { params: { path: { id } }, body })),
  };

  readonly executions = {
    get: (id: string) => bodyOf(this.api.GET('/api/executions/{id}', { params: { path: { id } } })),
    list: (query: ListExecutionsQuery = {}) => bodyOf(this.api.GET('/api/executions', { params: { query } })),
    cancel: (id: string) => bodyOf(this.api.DELETE('/api/executions/{id}', { params: { path: { id } } })),
    pause: (id: string) => bodyOf(this.api.POST('/api/executions/{id}/pause', { params: { path: { id } } })),
    resume: (id: string) => bodyOf(this.api.POST('/api/executions/{id}/resume', { params: { path: { id } } })),
    /** Runs a failed execution again from its failed steps. */
    redrive: (id: string) => bodyOf(this.api.POST('/api/executions/{id}/redrive', { params: { path: { id } } })),
    /**
     * The execution's events in sequence order, stored ones first, then live ones, ending after
     * `completed`, `failed` or `cancelled`. A dropped connection resumes after the last event
     * received (Last-Event-ID), so no event is missed or repeated.
     */
    stream: (id: string, options: StreamOptions = {}) => this.streamEvents(id, options),
    /** Resolves with the execution once it has ended (completed, failed or cancelled). */
    wait: async (id: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Execution> => {
      const signals = [options.signal, options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined];
      const present = signals.filter((s): s is AbortSignal => s !== undefined);
      const signal = present.length > 1 ? AbortSignal.any(present) : present[0];
      for await (const event of this.streamEvents(id, { signal })) void event;
      return this.executions.get(id);
    },
  };

  private async *streamEvents(id: string, options: StreamOptions): AsyncGenerator<ExecutionEvent> {
    let after = options.afterSequence ?? 0;
    let failures = 0;
    const maxReconnects = options.maxReconnects ?? 5;
    for (;;) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', ...(await this.credentialHeaders()) };
        if (after > 0) headers['last-event-id'] = String(after);
        const url = `${this.options.baseUrl.replace(/\/+$/, '')}/api/executions/${encodeURIComponent(id)}/stream`;
        const response = await this.fetcher(url, { headers, signal: options.signal });
        if (!response.ok || !response.body) throw new BatonApiError(response.status, await readBody(response));
        for await (const message of readServerSentEvents(response.body)) {
          const event = JSON.parse(message.data) as ExecutionEvent;
          if (event.sequence <= after) continue;
          after = event.sequence;
          failures = 0;
          yield event;
          if (TERMINAL_EVENTS.has(event.type)) return;
        }
        // The server ends the stream without a terminal event when the client resumed after it.
        if (TERMINAL_STATUSES.has((await this.executions.get(id)).status)) return;
      } catch (error) {
        if (error instanceof BatonApiError || options.signal?.aborted || ++failures > maxReconnects) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
    }
  }

  private async credentialHeaders(): Promise<Record<string, string>> {
    const { accessToken, apiKey } = this.options;
    const token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(apiKey ? { 'x-api-key': apiKey } : {}) };
  }
}

/** The body of a successful answer, or a BatonApiError. */
async function bodyOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new BatonApiError(response.status, error);
  return data as T;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
