/** Produces ids for new executions. */
export abstract class IdGenerator {
  abstract newId(): string;
}
