import type { CredentialKind } from '@baton/engine';

/** One field of a credential kind, in JSON Schema terms; `writeOnly` marks a secret. */
export interface CredentialFieldSchema {
  type: 'string' | 'integer' | 'boolean';
  title: string;
  description?: string;
  default?: string | number | boolean;
  format?: 'uri' | 'password';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** Secret: encrypted at rest, accepted on writes, never returned. */
  writeOnly?: true;
}

export interface CredentialKindSchema {
  $schema: 'https://json-schema.org/draft/2020-12/schema';
  title: string;
  description: string;
  type: 'object';
  properties: Record<string, CredentialFieldSchema>;
  required: string[];
  additionalProperties: false;
}

// Secrets shorter than this could not be redacted from node outputs without mangling ordinary
// text (a password "ab" would blank every "ab"), so they are refused at save time.
export const MIN_SECRET_LENGTH = 4;
const SECRET_MAX = 8192;

const secret = (title: string, description?: string): CredentialFieldSchema => ({
  type: 'string',
  title,
  ...(description ? { description } : {}),
  format: 'password',
  writeOnly: true,
  minLength: MIN_SECRET_LENGTH,
  maxLength: SECRET_MAX,
});
const text = (title: string, extra: Partial<CredentialFieldSchema> = {}): CredentialFieldSchema => ({
  type: 'string',
  title,
  minLength: 1,
  maxLength: 2000,
  ...extra,
});
const url = (title: string, fallback: string): CredentialFieldSchema =>
  text(title, { format: 'uri', default: fallback, description: 'http(s) URL' });

function kind(
  title: string,
  description: string,
  properties: Record<string, CredentialFieldSchema>,
  required: string[],
): CredentialKindSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    description,
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

/** Every credential kind with the JSON Schema its values follow (served by GET /api/credential-types). */
export const CREDENTIAL_KINDS: Record<CredentialKind, CredentialKindSchema> = {
  'http.bearer': kind('HTTP bearer token', 'Sent as `Authorization: Bearer <token>`', { token: secret('Token') }, [
    'token',
  ]),
  'http.basic': kind(
    'HTTP basic auth',
    'Sent as `Authorization: Basic base64(username:password)`',
    { username: text('Username', { pattern: '^[^:]*$' }), password: secret('Password') },
    ['username', 'password'],
  ),
  'http.header': kind(
    'HTTP header',
    'A custom header such as `X-API-Key: <value>`',
    {
      name: text('Header name', { pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", maxLength: 200 }),
      value: secret('Header value'),
    },
    ['name', 'value'],
  ),
  smtp: kind(
    'SMTP server',
    'An SMTP server for email.send',
    {
      host: text('Host', { maxLength: 253 }),
      port: { type: 'integer', title: 'Port', minimum: 1, maximum: 65535, default: 587 },
      secure: {
        type: 'boolean',
        title: 'TLS from the start',
        description: 'true for implicit TLS (usually port 465); false upgrades with STARTTLS when offered',
        default: false,
      },
      user: text('User'),
      password: secret('Password'),
    },
    ['host', 'port', 'secure'],
  ),
  openai: kind(
    'OpenAI-compatible API',
    'Any chat-completions API: OpenAI, Ollama, vLLM',
    {
      baseUrl: url('Base URL', 'https://api.openai.com/v1'),
      apiKey: secret('API key'),
      defaultModel: text('Default model', { maxLength: 200 }),
    },
    ['baseUrl', 'apiKey'],
  ),
  'sms.twilio': kind(
    'Twilio (or compatible) SMS',
    'Account SID and auth token of a Twilio-compatible REST API',
    {
      accountSid: text('Account SID', { maxLength: 64 }),
      authToken: secret('Auth token'),
      from: text('From number', { maxLength: 32 }),
      baseUrl: url('Base URL', 'https://api.twilio.com'),
    },
    ['accountSid', 'authToken', 'from', 'baseUrl'],
  ),
  secret: kind('Secret', 'A single secret value', { value: secret('Value') }, ['value']),
};

export const CREDENTIAL_KIND_NAMES = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === 'string' && Object.hasOwn(CREDENTIAL_KINDS, value);
}

/** The names of the kind's secret fields. */
export function secretFieldsOf(kind: CredentialKind): string[] {
  return Object.entries(CREDENTIAL_KINDS[kind].properties)
    .filter(([, field]) => field.writeOnly)
    .map(([name]) => name);
}
