import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ExecutionStatus } from '../core/api-types';
import { BadgeComponent, type BadgeTone } from '../shared/ui/badge.component';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { RelativeTimePipe } from '../shared/ui/relative-time.pipe';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { LiveExecutionEvents } from './live-execution-events';
import { MonitoringStore } from './monitoring.store';
import { QueueStatsComponent } from './queue-stats.component';

const STATUSES: readonly ExecutionStatus[] = ['pending', 'running', 'paused', 'completed', 'failed', 'cancelled'];
const TONES: Record<ExecutionStatus, BadgeTone> = {
  pending: 'neutral',
  running: 'accent',
  paused: 'warning',
  completed: 'success',
  failed: 'warning',
  cancelled: 'neutral',
};

@Component({
  selector: 'baton-monitoring-page',
  imports: [
    DatePipe,
    RouterLink,
    BadgeComponent,
    EmptyStateComponent,
    QueueStatsComponent,
    RelativeTimePipe,
    SpinnerComponent,
  ],
  providers: [MonitoringStore, LiveExecutionEvents],
  template: `
    <header class="page-header">
      <div>
        <h1>Monitoring</h1>
        <p class="subtitle">
          Every execution in this workspace, newest first.
          <span role="status">{{
            store.liveMode() === 'live'
              ? 'Live updates on.'
              : store.liveMode() === 'polling'
                ? 'Live updates unavailable: refreshing every 3 s.'
                : 'Connecting…'
          }}</span>
        </p>
      </div>
    </header>
    <baton-queue-stats class="stats" [stats]="store.stats()" [error]="store.statsError()" />
    <form class="filters" aria-label="Filter executions" (submit)="$event.preventDefault()">
      <label>
        Workflow
        <select (change)="store.applyFilters({ workflowId: $any($event.target).value || null })">
          <option value="">All workflows</option>
          @for (workflow of store.workflows(); track workflow.id) {
            <option [value]="workflow.id">{{ workflow.name }}</option>
          }
        </select>
      </label>
      <label>
        Status
        <select (change)="store.applyFilters({ status: $any($event.target).value || null })">
          <option value="">All statuses</option>
          @for (status of statuses; track status) {
            <option [value]="status">{{ status }}</option>
          }
        </select>
      </label>
      <label
        >From <input type="datetime-local" (change)="store.applyFilters({ from: $any($event.target).value })"
      /></label>
      <label>To <input type="datetime-local" (change)="store.applyFilters({ to: $any($event.target).value })" /></label>
    </form>
    @if (store.isLoading()) {
      <p role="status" class="loading"><baton-spinner /> Loading executions…</p>
    } @else if (store.hasFailed()) {
      <baton-empty-state
        class="panel"
        icon="error"
        heading="Could not load executions"
        [description]="store.error() ?? ''"
      >
        <button type="button" class="btn btn-primary" (click)="store.load()">Try again</button>
      </baton-empty-state>
    } @else if (store.items().length === 0) {
      <baton-empty-state class="panel" heading="No executions" description="Runs appear here as soon as they start." />
    } @else {
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            Executions
          </caption>
          <thead>
            <tr>
              <th scope="col">Execution</th>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Trigger</th>
            </tr>
          </thead>
          <tbody>
            @for (item of store.items(); track item.id) {
              <tr [attr.data-execution-id]="item.id">
                <th scope="row">
                  <a [routerLink]="['/executions', item.id]"
                    ><code>{{ item.id.slice(0, 8) }}</code></a
                  >
                </th>
                <td>
                  {{
                    item.workflowId
                      ? (store.workflowNames().get(item.workflowId) ?? 'Workflow ' + item.workflowId.slice(0, 8))
                      : 'Test run'
                  }}
                </td>
                <td>
                  <baton-badge [tone]="tones[item.status]"
                    ><span class="status" [attr.data-status]="item.status">{{ item.status }}</span></baton-badge
                  >
                </td>
                <td>
                  <time [attr.datetime]="item.createdAt" [title]="item.createdAt | date: 'medium'">{{
                    item.createdAt | relativeTime
                  }}</time>
                </td>
                <td>{{ item.durationMs === null ? '—' : item.durationMs + ' ms' }}</td>
                <td>{{ item.trigger }} · {{ item.mode }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (store.hasMore()) {
        <button type="button" class="btn btn-secondary more" (click)="store.loadMore()">Load more</button>
      }
    }
  `,
  styles: `
    .page-header {
      margin-bottom: var(--space-4);
    }
    .stats {
      display: block;
      margin-bottom: var(--space-4);
    }
    .table-wrap {
      overflow-x: auto;
    }
    h1 {
      margin: 0;
      font-size: var(--text-2xl);
    }
    .subtitle {
      margin: var(--space-1) 0 0;
      color: var(--text-muted);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-3);
      margin-bottom: var(--space-4);
    }
    .filters label {
      display: grid;
      gap: 2px;
      color: var(--text-muted);
      font-size: var(--text-xs);
      font-weight: 600;
    }
    table {
      width: 100%;
      border: 1px solid var(--border);
      border-radius: var(--radius-lg);
      border-collapse: collapse;
      background: var(--surface);
      font-size: var(--text-sm);
    }
    th,
    td {
      padding: var(--space-2) var(--space-3);
      border-bottom: 1px solid var(--border);
      text-align: left;
    }
    thead th {
      background: var(--surface-muted);
      color: var(--text-muted);
      font-size: var(--text-xs);
      text-transform: uppercase;
    }
    .status {
      text-transform: capitalize;
    }
    .panel {
      border: 1px dashed var(--border-strong);
      border-radius: var(--radius-lg);
      background: var(--surface);
    }
    .loading {
      display: flex;
      gap: var(--space-2);
    }
    .more {
      margin-top: var(--space-3);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonitoringPage {
  protected readonly store = inject(MonitoringStore);
  protected readonly statuses = STATUSES;
  protected readonly tones = TONES;

  constructor() {
    this.store.start();
  }
}
