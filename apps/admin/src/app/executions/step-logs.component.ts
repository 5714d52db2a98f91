import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ExecutionLogEntryDto } from '../api/generated/models';
import { WithoutImageDataPipe } from '../shared/ui/without-image-data.pipe';

/**
 * A step's log: its events in order and, under the event that ended each attempt, the lines the
 * node wrote through `ctx.log` in that attempt (GET /api/executions/:id/logs, already redacted).
 */
@Component({
  selector: 'baton-step-logs',
  imports: [DatePipe, JsonPipe, WithoutImageDataPipe],
  template: `
    <ol class="events" aria-label="Step log" data-testid="step-logs">
      @for (entry of entries(); track entry.sequence) {
        <li>
          <div class="event">
            <time [attr.datetime]="entry.timestamp">{{ entry.timestamp | date: 'HH:mm:ss.SSS' }}</time>
            <span class="type">{{ entry.type }}</span>
            @if (entry.attempt) {
              <span class="attempt">attempt {{ entry.attempt }}</span>
            }
            @if (entry.data) {
              <!-- A step_completed event quotes the output, screenshots included: drawn above, not repeated here. -->
              <code>{{ entry.data | withoutImageData | json }}</code>
            }
          </div>
          @if (entry.logs?.length) {
            <ol class="lines" [attr.aria-label]="'Lines logged in attempt ' + (entry.attempt ?? 1)">
              @for (line of entry.logs; track $index) {
                <li [attr.data-level]="line.level" data-testid="step-log-line">
                  <time [attr.datetime]="line.timestamp">{{ line.timestamp | date: 'HH:mm:ss.SSS' }}</time>
                  <span class="level">{{ line.level }}</span>
                  <span class="message">{{ line.message }}</span>
                  @if (line.data !== undefined && line.data !== null) {
                    <code>{{ line.data | withoutImageData | json }}</code>
                  }
                </li>
              }
            </ol>
          }
        </li>
      } @empty {
        <li class="none">Nothing logged yet.</li>
      }
    </ol>
  `,
  styles: `
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .events {
      display: grid;
      gap: var(--space-1);
      font-size: var(--text-xs);
    }
    .event,
    .lines li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--space-2);
    }
    time {
      color: var(--text-muted);
      font-family: ui-monospace, monospace;
    }
    .type {
      font-weight: 600;
    }
    .attempt {
      color: var(--text-muted);
    }
    code {
      overflow-wrap: anywhere;
      color: var(--text-muted);
    }
    .lines {
      display: grid;
      gap: 2px;
      margin: 4px 0 var(--space-1) var(--space-3);
      padding-left: var(--space-2);
      border-left: 2px solid var(--border);
    }
    .level {
      min-width: 3.2em;
      font-weight: 600;
      text-transform: uppercase;
    }
    [data-level='warn'] .level {
      color: var(--warning-text);
    }
    [data-level='error'] .level {
      color: var(--danger-text);
    }
    .message {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .none {
      color: var(--text-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepLogsComponent {
  readonly entries = input.required<readonly ExecutionLogEntryDto[]>();
}
