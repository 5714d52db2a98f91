// Wire types of the REST API under /api. Hand-written for now; a later issue replaces this file
// and api-client.ts with a client generated from the API's OpenAPI document.

export interface AuthStatus {
  readonly setupRequired: boolean;
}

export interface SetupRequest {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly workspaceName: string;
}

export interface LoginRequest {
  readonly email: string;
  readonly password: string;
}

export interface AccessTokenResponse {
  readonly accessToken: string;
}

export type WorkspaceRole = 'owner' | 'editor' | 'viewer';

export interface Account {
  readonly user: { readonly id: string; readonly email: string; readonly name: string };
  readonly workspace: { readonly id: string; readonly name: string };
  readonly role: WorkspaceRole;
}

export type WorkflowFormat = 'graph' | 'asl';
export type WorkflowStatus = 'draft' | 'active' | 'paused';

export interface WorkflowSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly format: WorkflowFormat;
  readonly status: WorkflowStatus;
  readonly tags: readonly string[];
  readonly currentVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WorkflowListQuery {
  readonly limit?: number;
  readonly cursor?: string;
  readonly status?: WorkflowStatus;
  readonly tag?: string;
  readonly search?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Body of every non-2xx response (NestJS's default exception shape). */
export interface ApiErrorBody {
  readonly statusCode: number;
  readonly error?: string;
  readonly message: string | readonly string[];
}
