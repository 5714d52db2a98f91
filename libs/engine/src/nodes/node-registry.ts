import { InvalidInputError, InvariantViolationError } from '../errors/engine.error.js';
import type { AnyNodeType } from './node-type.js';

/**
 * Node types by `type@version`. Refuses duplicates at construction so a bad registry line fails
 * at boot, not on the first run that needs it.
 */
export class NodeRegistry {
  private readonly byKey = new Map<string, AnyNodeType>();
  private readonly latest = new Map<string, AnyNodeType>();

  constructor(nodeTypes: AnyNodeType[] = []) {
    for (const nodeType of nodeTypes) this.register(nodeType);
  }

  register(nodeType: AnyNodeType): void {
    const key = `${nodeType.type}@${nodeType.version}`;
    if (this.byKey.has(key)) throw new InvariantViolationError(`Node type ${key} is registered twice`);
    this.byKey.set(key, nodeType);
    const current = this.latest.get(nodeType.type);
    if (!current || current.version < nodeType.version) this.latest.set(nodeType.type, nodeType);
  }

  /** `http.request` resolves to the latest version, `http.request@1` to that version. */
  find(typeRef: string): AnyNodeType | undefined {
    return typeRef.includes('@') ? this.byKey.get(typeRef) : this.latest.get(typeRef);
  }

  get(typeRef: string): AnyNodeType {
    const nodeType = this.find(typeRef);
    if (!nodeType) throw new InvalidInputError(`Unknown node type "${typeRef}"`, 'UNKNOWN_NODE_TYPE');
    return nodeType;
  }

  /** Type refs from `required` that have no registered implementation. */
  findMissing(required: string[]): string[] {
    return required.filter((typeRef) => !this.find(typeRef));
  }

  /** Throws when a type the deployment relies on is missing (boot-time check). */
  assertHas(required: string[]): void {
    const missing = this.findMissing(required);
    if (missing.length) throw new InvariantViolationError(`Missing node types: ${missing.join(', ')}`);
  }

  list(): AnyNodeType[] {
    return [...this.byKey.values()];
  }
}
