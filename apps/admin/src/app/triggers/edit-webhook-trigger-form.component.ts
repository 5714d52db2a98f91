import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import type { TriggerDto } from '../api/generated/models';
import type { NewTrigger } from './triggers.store';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Inline edit of a webhook trigger: methods, response mode, rate limit and signing. Its URL
 * stays; turning signing on issues a new secret (shown once by the page), turning it off drops it.
 */
@Component({
  selector: 'baton-edit-webhook-trigger-form',
  template: `
    <form class="edit" aria-label="Edit webhook trigger" (submit)="save($event)">
      <span class="label" [id]="id('methods')">Methods</span>
      <div class="checks" role="group" [attr.aria-labelledby]="id('methods')">
        @for (method of methods; track method) {
          <label
            ><input type="checkbox" [checked]="chosen().has(method)" (change)="toggle(method)" /> {{ method }}</label
          >
        }
      </div>
      <label [for]="id('response')">Response</label>
      <select [id]="id('response')" (change)="responseMode.set($any($event.target).value)">
        <option value="async" [selected]="responseMode() === 'async'">Immediately: 202 with the execution id</option>
        <option value="sync" [selected]="responseMode() === 'sync'">Wait for the workflow's output</option>
      </select>
      <label [for]="id('rate')">Requests per minute</label>
      <input
        type="number"
        min="1"
        max="100000"
        placeholder="Server default"
        [id]="id('rate')"
        [value]="rateLimit()"
        (input)="rateLimit.set($any($event.target).value)"
      />
      <label class="check wide"
        ><input type="checkbox" [checked]="signed()" (change)="signed.set(!signed())" /> Require an HMAC-SHA256
        signature</label
      >
      @if (signed() && !trigger().signed) {
        <p class="note">A new signing secret is shown once after saving; callers must sign with it.</p>
      } @else if (!signed() && trigger().signed) {
        <p class="note">The secret is dropped: unsigned requests are accepted.</p>
      }
      @if (localError() ?? error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <div class="buttons">
        <button type="submit" class="btn btn-primary btn-sm" [disabled]="busy() || !changed()">Save webhook</button>
        <button type="button" class="btn btn-ghost btn-sm" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styleUrl: './edit-trigger-settings.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditWebhookTriggerFormComponent {
  readonly trigger = input.required<TriggerDto>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<Partial<NewTrigger>>();
  readonly cancelled = output<void>();

  protected readonly methods = METHODS;
  protected readonly chosen = linkedSignal<ReadonlySet<string>>(() => new Set(this.trigger().methods ?? ['POST']));
  protected readonly responseMode = linkedSignal(() => this.trigger().responseMode ?? 'async');
  protected readonly rateLimit = linkedSignal(() => String(this.trigger().rateLimitPerMinute ?? ''));
  protected readonly signed = linkedSignal(() => this.trigger().signed === true);
  protected readonly localError = computed(() =>
    this.chosen().size ? null : 'Choose at least one method the webhook accepts.',
  );
  protected readonly changed = computed(() => {
    const t = this.trigger();
    return (
      [...this.chosen()].sort().join() !== [...(t.methods ?? ['POST'])].sort().join() ||
      this.responseMode() !== (t.responseMode ?? 'async') ||
      this.rateLimit().trim() !== String(t.rateLimitPerMinute ?? '') ||
      this.signed() !== (t.signed === true)
    );
  });

  protected id(name: string): string {
    return `edit-webhook-${name}-${this.trigger().id}`;
  }

  protected toggle(method: string): void {
    this.chosen.update((chosen) =>
      chosen.has(method) ? new Set([...chosen].filter((m) => m !== method)) : new Set([...chosen, method]),
    );
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.localError()) return;
    const rate = this.rateLimit().trim();
    this.submitted.emit({
      methods: METHODS.filter((m) => this.chosen().has(m)),
      responseMode: this.responseMode(),
      // Left empty: the server's default applies (an undefined key is not sent, so the old limit goes).
      rateLimitPerMinute: rate === '' ? undefined : Number(rate),
      signed: this.signed(),
    } as Partial<NewTrigger>);
  }
}
