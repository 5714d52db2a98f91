import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { WorkflowSummaryDto as WorkflowSummary } from '../api/generated/models/workflow-summary-dto';
import type { WorkflowFormat, WorkflowStatus } from '../core/api-types';
import { BadgeComponent, BadgeTone } from '../shared/ui/badge.component';
import { RelativeTimePipe } from '../shared/ui/relative-time.pipe';

const FORMAT_LABELS: Record<WorkflowFormat, string> = { graph: 'Graph', asl: 'ASL' };
const STATUS_TONES: Record<WorkflowStatus, BadgeTone> = { active: 'success', paused: 'warning', draft: 'neutral' };

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
  readonly tagSelected = output<string>();

  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly statusTones = STATUS_TONES;
}
