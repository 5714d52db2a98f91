import { ApiKeyEntity } from './api-key.entity';
import { CredentialEntity } from './credential.entity';
import { MembershipEntity } from './membership.entity';
import { UserEntity } from './user.entity';
import { WorkflowVersionEntity } from './workflow-version.entity';
import { WorkflowEntity } from './workflow.entity';
import { WorkspaceEntity } from './workspace.entity';

export * from './api-key.entity';
export * from './credential.entity';
export * from './membership.entity';
export * from './user.entity';
export * from './workflow-version.entity';
export * from './workflow.entity';
export * from './workspace.entity';

export const ENTITIES = [
  WorkspaceEntity,
  UserEntity,
  MembershipEntity,
  ApiKeyEntity,
  WorkflowEntity,
  WorkflowVersionEntity,
  CredentialEntity,
];
