import type { QueueOptions } from 'bullmq';
import type { BatonConfig } from '../config/baton-config';
import type { QueueBackendKind } from '../queue/queue-backend';

/** What start-up resolved before Nest is created: the config plus the live connections it chose. */
export interface BatonRuntime {
  config: BatonConfig;
  /** The PostgreSQL URL in use: the external server, or the embedded one's loopback socket. */
  databaseUrl: string;
  embedded: boolean;
  encryptionKey: Buffer;
  queue: { kind: QueueBackendKind; options: QueueOptions };
}

/** Nest injection token for the BatonRuntime. */
export const BATON_RUNTIME = Symbol('BATON_RUNTIME');
