import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A workspace's stored credential. Secret values are sealed by the API before they reach this
 * row (AES-256-GCM); this library never sees them in the clear.
 */
@Entity({ name: 'credentials' })
export class CredentialEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** A credential kind such as `http.bearer` or `smtp`. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** The kind's non-secret fields (host, port, username). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  fields: Record<string, unknown>;

  /** Secret field name -> sealed value. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  secrets: Record<string, string>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
