import { IdGenerator } from '../ports/id-generator.port.js';

/** `exec-1`, `exec-2`, ... for readable, stable test expectations. */
export class SequentialIdGenerator extends IdGenerator {
  private next = 1;

  constructor(private readonly prefix = 'exec') {
    super();
  }

  newId(): string {
    return `${this.prefix}-${this.next++}`;
  }
}
