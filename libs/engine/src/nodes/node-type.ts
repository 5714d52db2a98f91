import type { NodeArtifacts } from '../artifacts/artifact.js';
import type { RetryPolicyInput } from '../execution/retry-policy.js';

/**
 * Data types carried by handles; `any` matches everything but `page`, a live browser page that
 * only browser nodes understand (see `handleTypesConnect`).
 */
export type HandleDataType = 'any' | 'object' | 'array' | 'string' | 'number' | 'boolean' | 'page';

export interface HandleSpec {
  name: string;
  dataType: HandleDataType;
  /** An input handle that must have an incoming edge. */
  required?: boolean;
  /** An input handle that accepts several edges; the node then receives an array. */
  multiple?: boolean;
  description?: string;
}

/** A JSON Schema object; `format: "jsonata"` marks a setting the node evaluates itself. */
export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, JsonSchemaProperty>;
  required?: string[];
  additionalProperties?: boolean;
}

export interface JsonSchemaProperty {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  format?: string;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchemaProperty | Record<string, unknown>;
  properties?: Record<string, JsonSchemaProperty>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaProperty;
}

/** How the engine treats a node beyond "run it": joins, loops. */
export type NodeKind = 'task' | 'merge' | 'loop';

export interface NodeLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Outbound capabilities handed to nodes; the composition root decides what is inside. */
export interface NodeServices {
  fetch?: typeof fetch;
  /**
   * For connections outside HTTP (SMTP): resolves `hostname` under the same outbound policy as
   * `fetch` and answers the address to connect to, or throws `DESTINATION_BLOCKED`.
   */
  resolveOutboundHost?: (hostname: string) => Promise<string>;
  [name: string]: unknown;
}

/** Decrypted values of each credential kind, as a node receives them from `ctx.credentials`. */
export interface CredentialValuesByKind {
  'http.bearer': { token: string };
  'http.basic': { username: string; password: string };
  'http.header': { name: string; value: string };
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string };
  openai: { baseUrl: string; apiKey: string; defaultModel?: string };
  'sms.twilio': { accountSid: string; authToken: string; from: string; baseUrl: string };
  secret: { value: string };
}

export type CredentialKind = keyof CredentialValuesByKind;

/** A decrypted credential; a union of kinds narrows on `kind`. */
export type ResolvedCredential<K extends CredentialKind = CredentialKind> = K extends CredentialKind
  ? { id: string; kind: K; name: string; values: CredentialValuesByKind[K] }
  : never;

/**
 * Run-time access to the execution's workspace credentials. Values read here are redacted from
 * whatever the node returns, throws or logs; a missing or other-workspace id fails with a permanent
 * `CREDENTIAL_NOT_FOUND`, a kind outside `kinds` with `CREDENTIAL_KIND_MISMATCH`.
 */
export interface NodeCredentials {
  get<K extends CredentialKind>(id: string, kinds: K | readonly K[]): Promise<ResolvedCredential<K>>;
}

/** Everything a node may touch while running: all I/O goes through here. */
export interface NodeContext {
  /** Aborted on cancel and on timeout; `signal.reason` tells which. */
  signal: AbortSignal;
  log: NodeLogger;
  services: NodeServices;
  /** `executionId:stepId:attempt`; pass it to external APIs that deduplicate. */
  idempotencyKey: string;
  executionId: string;
  stepId: string;
  nodeId: string;
  attempt: number;
  /** Absent where no vault is bound (plain engine tests); nodes needing one fail with `CREDENTIALS_UNAVAILABLE`. */
  credentials?: NodeCredentials;
  /** Files the step produces, stored once and referenced (libs/engine/src/artifacts); absent where no store is bound. */
  artifacts?: NodeArtifacts;
}

export interface NodeRunInput<TSettings = Record<string, unknown>> {
  /** The value on the `in` handle (the execution input for a start node). */
  data: unknown;
  /** Values of every connected input handle by name. */
  handles: Record<string, unknown>;
  /** `data.inputs` with `{{ }}` expressions evaluated. */
  settings: TSettings;
  /** `$` bindings for expressions the node evaluates itself: execution, nodes, item, index. */
  bindings: Record<string, unknown>;
}

export interface NodeResult {
  output: unknown;
  /** Output handle(s) to follow; defaults to every declared output except `error`. */
  handle?: string | string[];
  /** Only for `kind: 'loop'`: the items to run the loop body for. */
  iterate?: { items: unknown[]; concurrency: number };
  /** What the attempt consumed beyond the node's `creditCost`: model tokens (prompt + completion). */
  usage?: { tokens?: number };
}

/** A node type: one file in libs/nodes. */
export interface NodeType<TSettings = Record<string, unknown>> {
  /** Dotted id, e.g. `http.request`. */
  type: string;
  version: number;
  title: string;
  group: 'trigger' | 'action' | 'data' | 'flow' | 'util';
  description: string;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  /** Extra output handles that depend on settings (switch cases). */
  resolveOutputs?(settings: Record<string, unknown>): HandleSpec[];
  settingsSchema: JsonSchemaObject;
  /** Whether the node may start a workflow (be a source node). */
  canStart: boolean;
  kind?: NodeKind;
  retryDefaults?: RetryPolicyInput;
  /** Default per-attempt timeout. */
  timeoutMs?: number;
  /** Safe to run twice after a crash (at-least-once delivery); false asks for idempotency keys. */
  replaySafe: boolean;
  /**
   * A node that is not replay-safe but hands `ctx.idempotencyKey` to a system that deduplicates
   * by it (an `Idempotency-Key` header): after a crash its attempt is run again with the same
   * key. Without this, an attempt a dead worker may have run fails with STEP_OUTCOME_UNKNOWN
   * instead of being repeated (redrive retries it deliberately).
   */
  deduplicatesByIdempotencyKey?: boolean;
  /** Parks the step for this long before it runs, without holding a worker. */
  startDelayMs?(settings: Record<string, unknown>): number;
  /** Credential kinds the node's `credentialId` setting accepts (the editor's picker filters by them). */
  credentialKinds?: CredentialKind[];
  /** JSON Schema of the `out` value, for the editor and for documentation. */
  outputSchema?: JsonSchemaObject | JsonSchemaProperty;
  /**
   * Credits one attempt of this node costs (see `attemptUsage`). Default: 1, but 0 for `trigger`
   * and `flow` nodes, which only route data (an ASL `Task` state, which does work, costs 1).
   * Tokens a result reports in `usage` are added at the engine's `creditsPer1kTokens` rate.
   */
  creditCost?: number;
  /** Hints for the complexity analyzer. */
  traits?: { callsExternal?: boolean; waitsForPeople?: boolean; estimatedDurationMs?: number };
  run(input: NodeRunInput<TSettings>, ctx: NodeContext): Promise<NodeResult>;
}

/** Registry entries are stored without their settings type. */
export type AnyNodeType = NodeType<any>;

export function outputsOf(nodeType: AnyNodeType, settings: Record<string, unknown> = {}): HandleSpec[] {
  return [...nodeType.outputs, ...(nodeType.resolveOutputs?.(settings) ?? [])];
}
