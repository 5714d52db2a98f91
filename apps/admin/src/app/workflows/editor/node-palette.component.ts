import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FExternalItem } from '@foblex/flow';
import type { NodeTypeDto } from '../../api/generated/models/node-type-dto';
import { familyRank, nodeFamilyOf } from './node-families';

/**
 * Node types by family (`browser` of `browser.open`), each with its icon and the type's own
 * description from the catalogue; searchable; drag one onto the canvas, or press its add button.
 */
@Component({
  selector: 'baton-node-palette',
  imports: [FExternalItem],
  template: `
    <label class="visually-hidden" for="palette-search">Search node types</label>
    <input
      id="palette-search"
      type="search"
      placeholder="Search nodes"
      autocomplete="off"
      (input)="query.set($any($event.target).value)"
    />
    @for (family of families(); track family.id) {
      <section [attr.aria-label]="family.title" [attr.data-family]="family.id">
        <h3 [title]="family.description">
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path [attr.d]="family.icon" /></svg>
          {{ family.title }}
        </h3>
        <ul role="list">
          @for (type of family.types; track type.type) {
            <li class="item">
              <!-- The library turns off pointer events inside a drag source, so the add button sits beside it. -->
              <span
                class="item-text"
                fExternalItem
                [fData]="type.type"
                [attr.data-node-type]="type.type"
                [title]="type.description"
              >
                <span class="title">{{ type.title }}</span>
                <span class="type">{{ type.type }}</span>
                @if (type.description) {
                  <span class="description">{{ type.description }}</span>
                }
              </span>
              <button
                type="button"
                class="add"
                [attr.aria-label]="'Add ' + type.title + ' to the canvas'"
                (click)="added.emit(type.type)"
              >
                +
              </button>
            </li>
          }
        </ul>
      </section>
    } @empty {
      <p class="none">No node type matches “{{ query() }}”.</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--space-3);
      min-height: 0;
      overflow-y: auto;
    }
    h3 {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0 0 var(--space-1);
      color: var(--text-muted);
      font-size: var(--text-xs);
      letter-spacing: 0.04em;
      text-transform: uppercase;
    }
    .icon {
      flex: none;
      width: 16px;
      height: 16px;
      fill: none;
      stroke: var(--accent);
      stroke-width: 1.8;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    ul {
      display: grid;
      gap: 4px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      padding: 6px var(--space-2);
      border: 1px solid var(--border);
      border-radius: var(--radius-sm);
      background: var(--surface);
      cursor: grab;
      user-select: none;
    }
    .item:hover {
      border-color: var(--accent);
    }
    .item-text {
      display: flex;
      flex: 1;
      flex-direction: column;
      min-width: 0;
    }
    .title {
      font-size: var(--text-sm);
      font-weight: 600;
    }
    .type {
      overflow: hidden;
      color: var(--text-muted);
      font-family: ui-monospace, monospace;
      font-size: var(--text-xs);
      text-overflow: ellipsis;
    }
    .description {
      display: -webkit-box;
      overflow: hidden;
      color: var(--text-muted);
      font-size: var(--text-xs);
      line-height: 1.35;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
    }
    .add {
      flex: none;
      width: 26px;
      height: 26px;
      padding: 0;
      border: 1px solid var(--border-strong);
      border-radius: var(--radius-sm);
      background: var(--surface-muted);
      color: var(--text);
      font-size: 1rem;
      cursor: pointer;
    }
    .add:hover {
      border-color: var(--accent);
      color: var(--accent-text);
    }
    .none {
      color: var(--text-muted);
      font-size: var(--text-sm);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NodePaletteComponent {
  readonly types = input.required<readonly NodeTypeDto[]>();
  readonly added = output<string>();
  protected readonly query = signal('');

  protected readonly families = computed(() => {
    const query = this.query().trim().toLowerCase();
    const latest = new Map<string, NodeTypeDto>();
    for (const type of this.types()) {
      const current = latest.get(type.type);
      if (!current || current.version < type.version) latest.set(type.type, type);
    }
    const byFamily = new Map<string, { family: ReturnType<typeof nodeFamilyOf>; types: NodeTypeDto[] }>();
    for (const type of latest.values()) {
      const family = nodeFamilyOf(type.type);
      const haystack = `${type.title} ${type.type} ${type.description} ${family.title}`.toLowerCase();
      if (query && !haystack.includes(query)) continue;
      const entry = byFamily.get(family.id) ?? { family, types: [] };
      entry.types.push(type);
      byFamily.set(family.id, entry);
    }
    // Within a family, the types that can start a run first (browser.open before browser.click), then catalogue order.
    return [...byFamily.values()]
      .sort((a, b) => familyRank(a.family.id) - familyRank(b.family.id) || a.family.id.localeCompare(b.family.id))
      .map(({ family, types }) => ({
        ...family,
        types: types.sort((a, b) => Number(b.canStart) - Number(a.canStart)),
      }));
  });
}
