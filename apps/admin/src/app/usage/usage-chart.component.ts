import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { UsageGroupDto } from '../api/generated/models';

// Only what a bar chart needs: chart.js is tree-shaken down to these.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** A bar per usage group (credits), drawn by chart.js on a canvas; the page's table carries the same numbers. */
@Component({
  selector: 'baton-usage-chart',
  template: `<canvas #canvas role="img" [attr.aria-label]="label()"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 280px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageChartComponent {
  readonly groups = input.required<readonly UsageGroupDto[]>();
  readonly labelOf = input.required<(group: UsageGroupDto) => string>();
  readonly label = input('Credits by group');

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'bar'> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    effect(() => {
      const groups = this.groups();
      const labelOf = this.labelOf();
      const labels = groups.map(labelOf);
      const data = groups.map((group) => group.credits);
      if (this.chart) {
        this.chart.data.labels = labels;
        this.chart.data.datasets[0].data = data;
        this.chart.update();
        return;
      }
      const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#4f46e5';
      this.chart = new Chart(this.canvas().nativeElement, {
        type: 'bar',
        data: {
          labels,
          datasets: [{ label: 'Credits', data, backgroundColor: accent, borderRadius: 4, maxBarThickness: 64 }],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          // The page's table is the accessible reading; animation only delays it.
          animation: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: 'Credits' } } },
        },
      });
    });
  }
}
