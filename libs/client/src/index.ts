// Public API of @baton/client: a typed Baton API client for Node 20+ and browsers (fetch only).

export { BatonApiError, type DefinitionProblem } from './baton-api.error.js';
export {
  BatonClient,
  type BatonClientOptions,
  type CreateWorkflowInput,
  type DefinitionValidation,
  type ExecuteWorkflowInput,
  type Execution,
  type ExecutionEvent,
  type ExecutionPage,
  type ListExecutionsQuery,
  type ListWorkflowsQuery,
  type StartedExecution,
  type StreamOptions,
  type UpdateWorkflowInput,
  type ValidateDefinitionInput,
  type Workflow,
  type WorkflowPage,
} from './baton-client.js';
export { signWebhook, WEBHOOK_SIGNATURE_HEADER } from './sign-webhook.js';
export type { components, operations, paths } from './generated/openapi.js';
