import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import { nodesControllerList } from '../api/generated/fn/nodes/nodes-controller-list';
import type { NodeTypeDto } from '../api/generated/models/node-type-dto';
import { describeError } from './describe-error';

/**
 * The node catalogue (GET /api/nodes), loaded once per session: the editor's palette and every
 * diagram (editor, execution detail) read titles and handles from here.
 */
@Injectable({ providedIn: 'root' })
export class NodeCatalogueStore {
  private readonly api = inject(BatonApi);
  private readonly _types = signal<readonly NodeTypeDto[]>([]);
  private readonly _error = signal<string | null>(null);
  private readonly _loading = signal(false);
  private loaded: Promise<void> | null = null;

  readonly types = this._types.asReadonly();
  readonly error = this._error.asReadonly();
  readonly isLoading = this._loading.asReadonly();
  /** Latest version of each type, by type id (a definition naming `type` without `@n` gets it). */
  readonly byType = computed(() => {
    const map = new Map<string, NodeTypeDto>();
    for (const type of this._types()) {
      const current = map.get(type.type);
      if (!current || current.version < type.version) map.set(type.type, type);
      map.set(`${type.type}@${type.version}`, type);
    }
    return map;
  });

  load(): Promise<void> {
    this.loaded ??= this.fetch();
    return this.loaded;
  }

  retry(): Promise<void> {
    this.loaded = null;
    return this.load();
  }

  private async fetch(): Promise<void> {
    this._loading.set(true);
    this._error.set(null);
    try {
      this._types.set(await this.api.invoke(nodesControllerList));
    } catch (error) {
      this._error.set(describeError(error));
      this.loaded = null;
    } finally {
      this._loading.set(false);
    }
  }
}
