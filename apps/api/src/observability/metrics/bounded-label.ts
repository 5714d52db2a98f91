/** What a label reads once its budget of distinct values is spent. */
export const OVERFLOW_LABEL = 'other';

/**
 * Caps the distinct values one label takes in this process. Workflow ids, node types and error
 * names are bounded in practice, but a workspace creating workflows in a loop or a node throwing
 * generated error names must not grow the scrape without end: past the budget they read `other`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly maxValues: number,
    private readonly maxLength = 80,
  ) {}

  of(value: string | null | undefined, fallback = 'none'): string {
    const label = value ? value.slice(0, this.maxLength) : fallback;
    if (this.seen.has(label)) return label;
    if (this.seen.size >= this.maxValues) return OVERFLOW_LABEL;
    this.seen.add(label);
    return label;
  }
}
