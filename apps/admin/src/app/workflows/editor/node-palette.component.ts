import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FExternalItem } from '@foblex/flow';
import type { NodeTypeDto } from '../../api/generated/models/node-type-dto';

const GROUP_TITLES: Record<string, string> = {
  trigger: 'Triggers',
  action: 'Actions',
  data: 'Data',
  flow: 'Flow control',
  util: 'Utilities',
};
const GROUP_ORDER = ['trigger', 'action', 'data', 'flow', 'util'];

/** Node types by group, searchable; drag one onto the canvas, or press its add button. */
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
    @for (group of groups(); track group.id) {
      <section [attr.aria-label]="group.title">
        <h3>{{ group.title }}</h3>
        <ul role="list">
          @for (type of group.types; track type.type) {
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
      margin: 0 0 var(--space-1);
      color: var(--text-muted);
      font-size: var(--text-xs);
      letter-spacing: 0.04em;
      text-transform: uppercase;
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
    .add {
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

  protected readonly groups = computed(() => {
    const query = this.query().trim().toLowerCase();
    const latest = new Map<string, NodeTypeDto>();
    for (const type of this.types()) {
      const current = latest.get(type.type);
      if (!current || current.version < type.version) latest.set(type.type, type);
    }
    const matching = [...latest.values()].filter(
      (t) => !query || `${t.title} ${t.type} ${t.description}`.toLowerCase().includes(query),
    );
    return GROUP_ORDER.map((id) => ({
      id,
      title: GROUP_TITLES[id] ?? id,
      types: matching.filter((t) => t.group === id),
    })).filter((g) => g.types.length);
  });
}
