import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { findStepImages } from './find-step-images';

/** The images a step output carries inline (browser screenshots), drawn at their size or the panel's width. */
@Component({
  selector: 'baton-step-images',
  template: `
    @if (images().length) {
      <h3>{{ images().length === 1 ? 'Screenshot' : 'Screenshots' }}</h3>
      @for (image of images(); track image.path) {
        <figure data-testid="step-screenshot">
          <a [href]="sourceOf(image)" [attr.download]="fileNameOf(image)" title="Download the image">
            <img
              [src]="sourceOf(image)"
              [alt]="'Screenshot of ' + (image.url ?? 'the page') + ' (' + image.path + ')'"
            />
          </a>
          <figcaption>
            {{ image.mimeType }}
            @if (image.bytes !== null) {
              · {{ image.bytes }} bytes
            }
            @if (image.url) {
              · <span class="url">{{ image.url }}</span>
            }
          </figcaption>
        </figure>
      }
    }
  `,
  styles: `
    h3 {
      margin: var(--space-3) 0 var(--space-1);
      font-size: var(--text-sm);
    }
    figure {
      margin: 0 0 var(--space-2);
    }
    img {
      display: block;
      max-width: 100%;
      height: auto;
      border: 1px solid var(--border);
      border-radius: var(--radius-sm);
    }
    figcaption {
      margin-top: 4px;
      color: var(--text-muted);
      font-size: var(--text-xs);
    }
    .url {
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepImagesComponent {
  readonly output = input<unknown>(null);
  protected readonly images = computed(() => findStepImages(this.output()));

  protected sourceOf(image: { mimeType: string; base64: string }): string {
    return `data:${image.mimeType};base64,${image.base64}`;
  }

  protected fileNameOf(image: { mimeType: string; path: string }): string {
    return `${image.path.replace(/[^\w-]+/g, '-')}.${image.mimeType.slice('image/'.length)}`;
  }
}
