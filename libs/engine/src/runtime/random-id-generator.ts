import { IdGenerator } from '../ports/id-generator.port.js';

/** UUID v4 from the platform's crypto (Node 20 and browsers expose it globally). */
export class RandomIdGenerator extends IdGenerator {
  newId(): string {
    return globalThis.crypto.randomUUID();
  }
}
