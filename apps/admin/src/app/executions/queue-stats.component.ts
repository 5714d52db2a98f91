import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ExecutionStatsDto } from '../api/generated/models';

/** The monitor's header strip: step-queue depth, open executions and recent throughput. */
@Component({
  selector: 'baton-queue-stats',
  template: `
    <dl class="tiles" aria-label="Queue and throughput" data-testid="queue-stats">
      <div class="tile">
        <dt>Queue</dt>
        <dd>
          <span class="big" data-testid="queue-waiting">{{ stats()?.queue?.waiting ?? '–' }}</span> waiting
          <small>{{ stats()?.queue?.active ?? '–' }} active · {{ stats()?.queue?.delayed ?? '–' }} delayed</small>
        </dd>
      </div>
      <div class="tile">
        <dt>Open executions</dt>
        <dd>
          <span class="big">{{ stats()?.open?.running ?? '–' }}</span> running
          <small>{{ stats()?.open?.pending ?? '–' }} pending · {{ stats()?.open?.paused ?? '–' }} paused</small>
        </dd>
      </div>
      <div class="tile">
        <dt>Last minute</dt>
        <dd>
          <span class="big" data-testid="completed-last-minute">{{ stats()?.lastMinute?.completed ?? '–' }}</span>
          completed
          <small
            >{{ stats()?.lastMinute?.failed ?? '–' }} failed ·
            {{ stats()?.lastMinute?.cancelled ?? '–' }} cancelled</small
          >
        </dd>
      </div>
      <div class="tile">
        <dt>Last hour</dt>
        <dd>
          <span class="big" data-testid="completed-last-hour">{{ stats()?.lastHour?.completed ?? '–' }}</span> completed
          <small
            >{{ stats()?.lastHour?.failed ?? '–' }} failed · {{ stats()?.lastHour?.cancelled ?? '–' }} cancelled</small
          >
        </dd>
      </div>
    </dl>
    @if (error(); as error) {
      <p class="stale" role="status">Queue numbers may be out of date: {{ error }}</p>
    }
  `,
  styles: `
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
      gap: var(--space-3);
      margin: 0;
    }
    .tile {
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--border);
      border-radius: var(--radius-lg);
      background: var(--surface);
    }
    dt {
      color: var(--text-muted);
      font-size: var(--text-xs);
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    dd {
      margin: var(--space-1) 0 0;
      color: var(--text-muted);
      font-size: var(--text-sm);
    }
    .big {
      color: var(--text);
      font-size: var(--text-xl);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    small {
      display: block;
      color: var(--text-subtle);
    }
    .stale {
      margin: var(--space-2) 0 0;
      color: var(--warning-text);
      font-size: var(--text-sm);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueueStatsComponent {
  readonly stats = input<ExecutionStatsDto | null>(null);
  readonly error = input<string | null>(null);
}
