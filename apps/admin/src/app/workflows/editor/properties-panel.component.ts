import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { ExecutionStepDto } from '../../api/generated/models/execution-step-dto';
import type { NodeTypeDto } from '../../api/generated/models/node-type-dto';
import type { GraphNode } from '../../shared/graph/graph-definition';
import { StepImagesComponent } from '../../shared/ui/step-images.component';
import { WithoutImageDataPipe } from '../../shared/ui/without-image-data.pipe';
import { SettingsFormComponent } from './settings-form.component';

/** The selected node: its type, a settings form generated from the schema, and its last test-run step. */
@Component({
  selector: 'baton-properties-panel',
  imports: [JsonPipe, SettingsFormComponent, StepImagesComponent, WithoutImageDataPipe],
  template: `
    @if (node(); as node) {
      <header>
        <h2>{{ type()?.title ?? node.type }}</h2>
        <code>{{ node.id }} · {{ node.type }}</code>
      </header>
      @if (type(); as type) {
        <p class="description">{{ type.description }}</p>
        <baton-settings-form
          [schema]="type.settingsSchema"
          [value]="node.data.inputs"
          [idPrefix]="'setting-' + node.id"
          [credentialKinds]="type.credentialKinds ?? []"
          (valueChange)="settingsChanged.emit($event)"
        />
      } @else {
        <p class="problem" role="alert">Unknown node type “{{ node.type }}”: this node cannot run.</p>
      }
      @if (problems().length) {
        <ul class="problems" aria-label="Problems on this node">
          @for (problem of problems(); track $index) {
            <li>{{ problem }}</li>
          }
        </ul>
      }
      @if (step(); as step) {
        <section class="step" aria-label="Last test run of this node">
          <h3>Last test run: {{ step.status }}</h3>
          @if (step.error) {
            <pre class="error">{{ step.error | json }}</pre>
          }
          <pre class="output" data-testid="node-output">{{ step.output ?? null | withoutImageData | json }}</pre>
          <baton-step-images [output]="step.output" />
        </section>
      }
      <button type="button" class="btn btn-secondary btn-sm remove" (click)="removed.emit(node.id)">Remove node</button>
    } @else {
      <p class="hint">
        Select a node to edit its settings. Drag node types from the palette, then connect an output (right) to an input
        (left).
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    header {
      margin-bottom: var(--space-2);
    }
    h2 {
      margin: 0;
      font-size: var(--text-lg);
    }
    h3 {
      margin: 0 0 var(--space-1);
      font-size: var(--text-sm);
      text-transform: capitalize;
    }
    code {
      color: var(--text-muted);
      font-size: var(--text-xs);
    }
    .description,
    .hint {
      margin: 0 0 var(--space-3);
      color: var(--text-muted);
      font-size: var(--text-sm);
    }
    .problem,
    .problems {
      color: var(--danger-text);
      font-size: var(--text-sm);
    }
    .problems {
      padding-left: var(--space-4);
    }
    pre {
      max-height: 12rem;
      margin: 0 0 var(--space-2);
      padding: var(--space-2);
      overflow: auto;
      border-radius: var(--radius-sm);
      background: var(--surface-muted);
      font-size: var(--text-xs);
    }
    pre.error {
      background: var(--danger-soft);
      color: var(--danger-text);
    }
    .remove {
      margin-top: var(--space-2);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesPanelComponent {
  readonly node = input<GraphNode | null>(null);
  readonly type = input<NodeTypeDto | null>(null);
  readonly problems = input<readonly string[]>([]);
  readonly step = input<ExecutionStepDto | null>(null);
  readonly settingsChanged = output<Record<string, unknown>>();
  readonly removed = output<string>();
}
