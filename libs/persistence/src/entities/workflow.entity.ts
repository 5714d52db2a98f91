import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type WorkflowFormat = 'graph' | 'asl';
export type WorkflowStatus = 'draft' | 'active' | 'paused';
export const WORKFLOW_FORMATS: readonly WorkflowFormat[] = ['graph', 'asl'];
export const WORKFLOW_STATUSES: readonly WorkflowStatus[] = ['draft', 'active', 'paused'];

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

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
