import { Injectable, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import { artifactsControllerDownload, artifactsControllerList } from '../api/generated/functions';
import type { ArtifactDto } from '../api/generated/models';
import { describeError } from '../core/describe-error';

/** What the console previews in place: HTML in a sandboxed frame, raster images inline. */
export type ArtifactPreview =
  { artifactId: string; kind: 'html'; html: string } | { artifactId: string; kind: 'image'; src: string };

// A preview reads the whole artifact into the page; larger ones are offered for download only.
export const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;
const IMAGE = /^image\/(png|jpeg|gif|webp)(;|$)/i;
const HTML = /^text\/html(;|$)/i;

export function previewKindOf(artifact: Pick<ArtifactDto, 'contentType' | 'size'>): 'html' | 'image' | null {
  if (artifact.size > MAX_PREVIEW_BYTES) return null;
  if (HTML.test(artifact.contentType)) return 'html';
  return IMAGE.test(artifact.contentType) ? 'image' : null;
}

/** An execution's artifacts: the list, one preview at a time, downloads (through the signed-in API client). */
@Injectable()
export class ExecutionArtifactsStore {
  private readonly api = inject(BatonApi);
  private readonly _artifacts = signal<readonly ArtifactDto[]>([]);
  private readonly _preview = signal<ArtifactPreview | null>(null);
  private readonly _error = signal<string | null>(null);
  private loadedFor: string | null = null;

  readonly artifacts = this._artifacts.asReadonly();
  readonly preview = this._preview.asReadonly();
  readonly error = this._error.asReadonly();

  async load(executionId: string): Promise<void> {
    if (this.loadedFor !== executionId) this._preview.set(null);
    this.loadedFor = executionId;
    try {
      this._artifacts.set(await this.api.invoke(artifactsControllerList, { id: executionId }));
      this._error.set(null);
    } catch (error) {
      this._error.set(describeError(error));
    }
  }

  async showPreview(artifact: ArtifactDto): Promise<void> {
    const kind = previewKindOf(artifact);
    if (!kind) return;
    try {
      const blob = await this.api.invoke(artifactsControllerDownload, { id: artifact.artifactId });
      this._preview.set(
        kind === 'html'
          ? { artifactId: artifact.artifactId, kind, html: await blob.text() }
          : { artifactId: artifact.artifactId, kind, src: await dataUrlOf(blob, artifact.contentType) },
      );
    } catch (error) {
      this._error.set(describeError(error));
    }
  }

  closePreview(): void {
    this._preview.set(null);
  }

  async download(artifact: ArtifactDto): Promise<void> {
    try {
      const blob = await this.api.invoke(artifactsControllerDownload, { id: artifact.artifactId, download: '1' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = artifact.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this._error.set(describeError(error));
    }
  }
}

/** A data: URL (the console's CSP allows data: images, not blob: ones). */
function dataUrlOf(blob: Blob, contentType: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^;,]*/, `data:${contentType.split(';')[0]}`));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
