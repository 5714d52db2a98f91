import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import type { ArtifactDto } from '../api/generated/models';
import { AlertComponent } from '../shared/ui/alert.component';
import { ExecutionArtifactsStore, previewKindOf } from './execution-artifacts.store';

/**
 * The files an execution's steps stored: a list with downloads, HTML previewed in a frame with
 * `sandbox=""` (no scripts, an opaque origin: a report cannot reach the console or its session)
 * and images inline. Re-read whenever the execution's status changes.
 */
@Component({
  selector: 'baton-execution-artifacts',
  imports: [AlertComponent],
  providers: [ExecutionArtifactsStore],
  template: `
    @if (store.error(); as error) {
      <baton-alert tone="error">{{ error }}</baton-alert>
    }
    @if (store.artifacts().length) {
      <section aria-labelledby="artifacts-heading" data-testid="execution-artifacts">
        <h2 id="artifacts-heading">Artifacts</h2>
        <ul class="artifacts">
          @for (artifact of store.artifacts(); track artifact.artifactId) {
            <li>
              <span class="name">{{ artifact.name }}</span>
              <span class="meta">{{ artifact.contentType }} · {{ sizeOf(artifact) }} · step {{ artifact.stepId }}</span>
              @if (canPreview(artifact)) {
                <button type="button" class="btn btn-sm btn-secondary" (click)="store.showPreview(artifact)">
                  Preview
                </button>
              }
              <button type="button" class="btn btn-sm btn-secondary" (click)="store.download(artifact)">
                Download
              </button>
            </li>
          }
        </ul>
        @if (store.preview(); as preview) {
          <div class="preview">
            <button type="button" class="btn btn-sm btn-secondary" (click)="store.closePreview()">Close preview</button>
            @if (preview.kind === 'html') {
              <iframe sandbox="" title="Preview of the HTML artifact" [srcdoc]="previewHtml()"></iframe>
            } @else {
              <img [src]="preview.src" alt="Preview of the image artifact" />
            }
          </div>
        }
      </section>
    }
  `,
  styles: `
    h2 {
      font-size: var(--text-md, 1rem);
    }
    .artifacts {
      list-style: none;
      padding: 0;
      margin: 0 0 var(--space-2);
    }
    .artifacts li {
      display: flex;
      gap: var(--space-2);
      align-items: center;
      padding: 4px 0;
      border-bottom: 1px solid var(--border);
    }
    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .meta {
      flex: 1;
      color: var(--text-muted);
      font-size: var(--text-xs);
    }
    .preview iframe {
      display: block;
      width: 100%;
      height: 480px;
      margin-top: var(--space-1);
      border: 1px solid var(--border);
      background: #fff;
    }
    .preview img {
      display: block;
      max-width: 100%;
      margin-top: var(--space-1);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExecutionArtifactsComponent {
  readonly executionId = input.required<string>();
  readonly status = input<string>('');
  protected readonly store = inject(ExecutionArtifactsStore);
  private readonly sanitizer = inject(DomSanitizer);

  // The frame's sandbox, not Angular's sanitizer, is what keeps the document harmless; sanitizing
  // would also strip the report's own styles.
  protected readonly previewHtml = computed(() => {
    const preview = this.store.preview();
    return this.sanitizer.bypassSecurityTrustHtml(preview?.kind === 'html' ? preview.html : '');
  });

  constructor() {
    effect(() => {
      this.status();
      void this.store.load(this.executionId());
    });
  }

  protected canPreview(artifact: ArtifactDto): boolean {
    return previewKindOf(artifact) !== null;
  }

  protected sizeOf(artifact: ArtifactDto): string {
    if (artifact.size < 1024) return `${artifact.size} B`;
    if (artifact.size < 1024 * 1024) return `${(artifact.size / 1024).toFixed(1)} KiB`;
    return `${(artifact.size / 1024 / 1024).toFixed(1)} MiB`;
  }
}
