import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { WorkflowListItemDto as WorkflowSummary } from '../api/generated/models/workflow-list-item-dto';
import type { ExecutionStatus, WorkflowFormat, WorkflowStatus } from '../core/api-types';
import { BadgeComponent, BadgeTone } from '../shared/ui/badge.component';
import { RelativeTimePipe } from '../shared/ui/relative-time.pipe';

const FORMAT_LABELS: Record<WorkflowFormat, string> = { graph: 'Graph', asl: 'ASL' };
const STATUS_TONES: Record<WorkflowStatus, BadgeTone> = { active: 'success', paused: 'warning', draft: 'neutral' };
const RUN_TONES: Record<ExecutionStatus, BadgeTone> = {
  pending: 'neutral',
  running: 'accent',
  paused: 'warning',
  completed: 'success',
  failed: 'warning',
  cancelled: 'neutral',
};

export type WorkflowRowAction = 'activate' | 'pause' | 'duplicate' | 'export' | 'delete';

/** The workflow list as a table; below 720px each row becomes a card. */
@Component({
  selector: 'baton-workflow-table',
  imports: [RouterLink, DatePipe, BadgeComponent, RelativeTimePipe],
  templateUrl: './workflow-table.component.html',
  styleUrl: './workflow-table.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkflowTableComponent {
  readonly workflows = input.required<readonly WorkflowSummary[]>();
  readonly activeTag = input<string | null>(null);
  readonly busyIds = input<ReadonlySet<string>>(new Set());
  readonly tagSelected = output<string>();
  readonly actionRequested = output<{ action: WorkflowRowAction; workflow: WorkflowSummary }>();

  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly statusTones = STATUS_TONES;
  protected readonly runTones = RUN_TONES;

  protected runTone(status: string): BadgeTone {
    return RUN_TONES[status as ExecutionStatus] ?? 'neutral';
  }

  protected request(action: WorkflowRowAction, workflow: WorkflowSummary, menu?: HTMLElement): void {
    menu?.hidePopover();
    this.actionRequested.emit({ action, workflow });
  }

  /**
   * The row menu is a popover (top layer: the table's rounded, clipped frame cannot cut it off;
   * light dismiss and Escape come with it). Place it under its button, inside the viewport.
   */
  protected placeMenu(event: Event, trigger: HTMLElement): void {
    const menu = event.target as HTMLElement;
    if ((event as ToggleEvent).newState !== 'open') return;
    const anchor = trigger.getBoundingClientRect();
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    const left = Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8));
    const below = anchor.bottom + 4;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, anchor.top - height - 4) : below;
    menu.style.left = `${left}px`;
    menu.style.top = `${top}px`;
  }
}
