import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type WorkflowFormat = 'graph' | 'asl';
export type WorkflowStatus = 'draft' | 'active' | 'paused';
export const WORKFLOW_FORMATS: readonly WorkflowFormat[] = ['graph', 'asl'];
export const WORKFLOW_STATUSES: readonly WorkflowStatus[] = ['draft', 'active', 'paused'];

/** A workflow's on-failure notification targets (both optional; the secrets stay in credentials). */
export interface FailureNotificationSettings {
  /** POSTed a JSON report, signed `X-Baton-Signature` with the `secret` credential when one is named. */
  webhook?: { url: string; secretCredentialId?: string | null } | null;
  /** Sent through an `smtp` credential. */
  email?: { credentialId: string; from: string; to: string[] } | null;
}

/** The mutable head of a workflow; its definitions live in immutable versions. */
@Entity({ name: 'workflows' })
export class WorkflowEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description: string;

  @Column({ type: 'varchar', length: 8 })
  format: WorkflowFormat;

  @Column({ type: 'varchar', length: 8, default: 'draft' })
  status: WorkflowStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  /** Start limits (null = unlimited); admission control reads them (TypeOrmExecutionStore). */
  @Column({ name: 'max_concurrent_executions', type: 'int', nullable: true })
  maxConcurrentExecutions: number | null;

  @Column({ name: 'max_starts_per_minute', type: 'int', nullable: true })
  maxStartsPerMinute: number | null;

  /** `express` | `standard` for every run of the workflow; null: chosen per start. */
  @Column({ name: 'durability', type: 'varchar', length: 16, nullable: true })
  durability: 'express' | 'standard' | null;

  /** Days a finished execution is kept; null: the installation default (BATON_RETENTION_DAYS). */
  @Column({ name: 'retention_days', type: 'int', nullable: true })
  retentionDays: number | null;

  /** Longer than this running, an execution is listed as stuck; null: never by duration. */
  @Column({ name: 'expected_duration_seconds', type: 'int', nullable: true })
  expectedDurationSeconds: number | null;

  /** Where a failed execution is reported (a signed webhook, an email); null: nowhere. */
  @Column({ name: 'on_failure', type: 'jsonb', nullable: true })
  onFailure: FailureNotificationSettings | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
