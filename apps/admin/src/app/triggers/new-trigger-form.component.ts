import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import type { FormFieldDto } from '../api/generated/models/form-field-dto';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import type { NewTrigger } from './triggers.store';

type TriggerKind = NewTrigger['type'];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const SAMPLE_FIELDS: FormFieldDto[] = [
  { name: 'email', label: 'Email address', type: 'email', required: true },
  { name: 'message', label: 'Message', type: 'textarea' },
];

/** The user's IANA zone, the default for a new cron trigger (the API defaults to UTC). */
export const USER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The "add a trigger" form: one of the four shapes of POST /api/workflows/:id/triggers. It only
 * assembles the body; the API validates it and its 400 message (naming the field) is shown here.
 */
@Component({
  selector: 'baton-new-trigger-form',
  imports: [SpinnerComponent],
  template: `
    <form class="form-grid" aria-labelledby="new-trigger-heading" (submit)="submit($event)">
      <h2 id="new-trigger-heading">Add a trigger</h2>
      <div class="field">
        <label for="trigger-type">Trigger type</label>
        <select id="trigger-type" [value]="kind()" (change)="kind.set($any($event.target).value)">
          <option value="cron">Schedule (cron)</option>
          <option value="webhook">Webhook</option>
          <option value="form">Form</option>
          <option value="once">One time</option>
        </select>
      </div>
      @switch (kind()) {
        @case ('cron') {
          <div class="field">
            <label for="cron-expression">Cron expression</label>
            <input
              id="cron-expression"
              name="expression"
              autocomplete="off"
              spellcheck="false"
              [value]="expression()"
              (input)="expression.set($any($event.target).value)"
              aria-describedby="cron-help"
            />
            <p class="field-hint" id="cron-help">
              Minute, hour, day of month, month, weekday (an optional leading seconds field). E.g.
              <code>0 9 * * 1-5</code>: 09:00 on weekdays.
            </p>
          </div>
          <div class="field">
            <label for="cron-timezone">Time zone</label>
            <input
              id="cron-timezone"
              list="time-zones"
              autocomplete="off"
              [value]="timezone()"
              (input)="timezone.set($any($event.target).value)"
            />
            <datalist id="time-zones">
              @for (zone of zones; track zone) {
                <option [value]="zone"></option>
              }
            </datalist>
          </div>
          <div class="field">
            <label for="cron-catch-up">Runs missed while Baton was down</label>
            <select id="cron-catch-up" [value]="catchUp()" (change)="catchUp.set($any($event.target).value)">
              <option value="none">Skip them</option>
              <option value="latest">Run the latest once</option>
              <option value="all">Run them all (bounded)</option>
            </select>
          </div>
        }
        @case ('webhook') {
          <fieldset class="field">
            <legend>Methods</legend>
            <div class="checks">
              @for (method of methods; track method) {
                <label
                  ><input type="checkbox" [checked]="chosenMethods().has(method)" (change)="toggleMethod(method)" />
                  {{ method }}</label
                >
              }
            </div>
          </fieldset>
          <div class="field">
            <label for="webhook-response">Response</label>
            <select
              id="webhook-response"
              [value]="responseMode()"
              (change)="responseMode.set($any($event.target).value)"
            >
              <option value="async">Immediately: 202 with the execution id</option>
              <option value="sync">Wait for the workflow's output (falls back to 202)</option>
            </select>
          </div>
          <label class="check"
            ><input type="checkbox" [checked]="signed()" (change)="signed.set(!signed())" /> Require an HMAC-SHA256
            signature (the secret is shown once)</label
          >
        }
        @case ('form') {
          <div class="field">
            <label for="form-title">Form title</label>
            <input
              id="form-title"
              maxlength="200"
              [value]="title()"
              (input)="title.set($any($event.target).value)"
              placeholder="Defaults to the workflow name"
            />
          </div>
          <div class="field">
            <label for="form-fields">Fields (JSON)</label>
            <textarea
              id="form-fields"
              class="code"
              rows="7"
              spellcheck="false"
              [value]="fieldsText()"
              (input)="fieldsText.set($any($event.target).value)"
              aria-describedby="form-fields-help"
            ></textarea>
            <p class="field-hint" id="form-fields-help">
              Each field: name, label, type (text, textarea, email, number, url, date, checkbox, select), required,
              options.
            </p>
          </div>
          <div class="field">
            <label for="form-thanks">Thank-you message</label>
            <input
              id="form-thanks"
              maxlength="500"
              [value]="thankYou()"
              (input)="thankYou.set($any($event.target).value)"
            />
          </div>
          <div class="field">
            <label for="form-response">After a submission, show</label>
            <select id="form-response" [value]="response()" (change)="response.set($any($event.target).value)">
              <option value="thank-you">The thank-you message</option>
              <option value="status-page">A job status page (with links to published results)</option>
            </select>
          </div>
        }
        @case ('once') {
          <div class="field">
            <label for="once-at">Run at (your time, {{ userZone }})</label>
            <input id="once-at" type="datetime-local" [value]="at()" (input)="at.set($any($event.target).value)" />
          </div>
        }
      }
      @if (localError() ?? error(); as message) {
        <p class="field-error" role="alert" data-testid="trigger-error">{{ message }}</p>
      }
      <div>
        <button type="submit" class="btn btn-primary" [disabled]="busy()">
          @if (busy()) {
            <baton-spinner /> Adding…
          } @else {
            Add trigger
          }
        </button>
      </div>
    </form>
  `,
  styles: `
    .form-grid {
      display: grid;
      gap: var(--space-3);
    }
    h2 {
      margin: 0;
      font-size: var(--text-lg);
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: none;
    }
    legend {
      margin-bottom: var(--space-1);
      font-size: var(--text-sm);
      font-weight: 600;
    }
    .checks {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-3);
    }
    .checks label,
    .check {
      display: inline-flex;
      align-items: center;
      gap: var(--space-2);
      font-size: var(--text-sm);
    }
    input[type='checkbox'] {
      width: auto;
      min-height: 0;
    }
    textarea {
      width: 100%;
      padding: var(--space-2) var(--space-3);
      border: 1px solid var(--border-strong);
      border-radius: var(--radius-md);
      font: inherit;
    }
    .code {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      font-size: var(--text-sm);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewTriggerFormComponent {
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<NewTrigger>();

  protected readonly methods = METHODS;
  protected readonly userZone = USER_TIME_ZONE;
  protected readonly zones = Intl.supportedValuesOf('timeZone');
  protected readonly kind = signal<TriggerKind>('cron');
  protected readonly expression = signal('0 9 * * 1-5');
  protected readonly timezone = signal(USER_TIME_ZONE);
  protected readonly catchUp = signal<'none' | 'latest' | 'all'>('none');
  protected readonly chosenMethods = signal<ReadonlySet<string>>(new Set(['POST']));
  protected readonly responseMode = signal<'async' | 'sync'>('async');
  protected readonly signed = signal(true);
  protected readonly title = signal('');
  protected readonly fieldsText = signal(JSON.stringify(SAMPLE_FIELDS, null, 2));
  protected readonly thankYou = signal('Thank you, your submission was received.');
  protected readonly response = signal<'thank-you' | 'status-page'>('thank-you');
  protected readonly at = signal('');
  protected readonly localError = signal<string | null>(null);

  protected toggleMethod(method: string): void {
    this.chosenMethods.update((methods) => {
      const next = new Set(methods);
      if (!next.delete(method)) next.add(method);
      return next;
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.localError.set(null);
    const body = this.body();
    if (body) this.submitted.emit(body);
  }

  /** Only what the browser must decide (JSON syntax, a local time); the API checks the rest. */
  private body(): NewTrigger | null {
    switch (this.kind()) {
      case 'cron':
        return {
          type: 'cron',
          expression: this.expression().trim(),
          timezone: this.timezone().trim() || 'UTC',
          catchUp: this.catchUp(),
        };
      case 'webhook':
        return {
          type: 'webhook',
          signed: this.signed(),
          responseMode: this.responseMode(),
          methods: METHODS.filter((m) => this.chosenMethods().has(m)),
        };
      case 'form': {
        let fields: FormFieldDto[];
        try {
          fields = JSON.parse(this.fieldsText()) as FormFieldDto[];
        } catch {
          this.localError.set('Fields: not valid JSON.');
          return null;
        }
        return {
          type: 'form',
          fields,
          thankYou: this.thankYou() || undefined,
          title: this.title().trim() || undefined,
          response: this.response(),
        };
      }
      case 'once': {
        const at = this.at() ? new Date(this.at()) : null;
        if (!at || Number.isNaN(at.getTime())) {
          this.localError.set('Run at: choose a date and time.');
          return null;
        }
        return { type: 'once', at: at.toISOString() };
      }
    }
  }
}
