import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { type AslBox, type AslDiagram, type AslEdge } from './layout-asl-diagram';

interface DrawnEdge {
  readonly key: string;
  readonly path: string;
  readonly kind: AslEdge['kind'];
  readonly label?: string;
  readonly labelX: number;
  readonly labelY: number;
}

/**
 * Read-only SVG drawing of an ASL state machine (see layoutAslDiagram). States are buttons in
 * the accessibility tree so a keyboard user can select them like a pointer user.
 */
@Component({
  selector: 'baton-asl-diagram',
  template: `
    <div class="scroller" [attr.aria-label]="label()" role="group">
      @if (diagram().boxes.length) {
        <svg
          [attr.width]="diagram().width"
          [attr.height]="diagram().height"
          [attr.viewBox]="'0 0 ' + diagram().width + ' ' + diagram().height"
        >
          <defs>
            <marker
              id="asl-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" class="arrow" />
            </marker>
          </defs>
          @for (box of containers(); track box.id) {
            <g
              class="container"
              [attr.data-state]="box.name"
              [attr.data-status]="statuses()[box.name] ?? null"
              [class.selected]="box.name === selected()"
              tabindex="0"
              role="button"
              [attr.aria-label]="box.type + ' state ' + box.name + statusText(box)"
              (click)="stateSelected.emit(box.name)"
              (keydown.enter)="stateSelected.emit(box.name)"
            >
              <rect [attr.x]="box.x" [attr.y]="box.y" [attr.width]="box.width" [attr.height]="box.height" rx="10" />
              <text [attr.x]="box.x + 10" [attr.y]="box.y + 19" class="title">
                {{ box.name }}
                <tspan class="type">{{ box.type }}</tspan>
              </text>
            </g>
          }
          @for (edge of drawnEdges(); track edge.key) {
            <path
              [attr.d]="edge.path"
              class="edge"
              [class]="'edge ' + edge.kind"
              marker-end="url(#asl-arrow)"
              [attr.data-edge]="edge.key"
            />
            @if (edge.label) {
              <text class="edge-label" [attr.x]="edge.labelX" [attr.y]="edge.labelY">{{ edge.label }}</text>
            }
          }
          @for (box of leaves(); track box.id) {
            @if (box.kind === 'state') {
              <g
                class="state"
                [class]="'state type-' + box.type"
                [class.selected]="box.name === selected()"
                [attr.data-state]="box.name"
                [attr.data-status]="statuses()[box.name] ?? null"
                tabindex="0"
                role="button"
                [attr.aria-label]="box.type + ' state ' + box.name + statusText(box)"
                (click)="stateSelected.emit(box.name)"
                (keydown.enter)="stateSelected.emit(box.name)"
              >
                <rect
                  [attr.x]="box.x"
                  [attr.y]="box.y"
                  [attr.width]="box.width"
                  [attr.height]="box.height"
                  [attr.rx]="box.type === 'Succeed' || box.type === 'Fail' ? 22 : 8"
                />
                <text [attr.x]="box.x + box.width / 2" [attr.y]="box.y + 18" text-anchor="middle" class="title">
                  {{ clip(box.name) }}
                </text>
                <text [attr.x]="box.x + box.width / 2" [attr.y]="box.y + 34" text-anchor="middle" class="type">
                  {{ box.type }}{{ statuses()[box.name] ? ' · ' + statuses()[box.name] : '' }}
                </text>
              </g>
            } @else {
              <circle
                [attr.cx]="box.x + box.width / 2"
                [attr.cy]="box.y + box.height / 2"
                [attr.r]="box.width / 2 - 2"
                [class]="'terminal ' + box.kind"
              >
                <title>{{ box.kind }}</title>
              </circle>
            }
          }
        </svg>
      } @else {
        <p class="empty">{{ emptyText() }}</p>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-height: 0;
    }
    .scroller {
      overflow: auto;
      height: 100%;
      background: var(--surface-2, #f6f7f9);
      border-radius: 8px;
    }
    svg {
      display: block;
      margin: 0 auto;
      font:
        12px system-ui,
        sans-serif;
    }
    .state rect {
      fill: #fff;
      stroke: #8a94a6;
      stroke-width: 1.5;
    }
    .state.type-Succeed rect {
      fill: #e6f6ec;
      stroke: #2f8f57;
    }
    .state.type-Fail rect {
      fill: #fdecec;
      stroke: #c03a3a;
    }
    .state.type-Choice rect {
      fill: #fff8e6;
    }
    .title {
      font-weight: 600;
      fill: #1d2433;
    }
    .type {
      fill: #5b6475;
      font-weight: 400;
    }
    .container rect {
      fill: rgba(90, 110, 160, 0.06);
      stroke: #8a94a6;
      stroke-dasharray: 4 3;
    }
    [data-status='completed'] rect {
      stroke: #2f8f57;
      stroke-width: 2.5;
      fill: #e6f6ec;
    }
    [data-status='running'] rect,
    [data-status='retrying'] rect,
    [data-status='pending'] rect {
      stroke: #2f6fd6;
      stroke-width: 2.5;
      fill: #e8f0fd;
    }
    [data-status='failed'] rect {
      stroke: #c03a3a;
      stroke-width: 2.5;
      fill: #fdecec;
    }
    [data-status='cancelled'] rect,
    [data-status='skipped'] rect {
      stroke: #9aa1ad;
      fill: #eef0f3;
    }
    .selected rect {
      stroke: #6b3fd6;
      stroke-width: 3;
    }
    g[role='button'] {
      cursor: pointer;
      outline: none;
    }
    g[role='button']:focus-visible rect {
      stroke: #6b3fd6;
      stroke-width: 3;
    }
    .edge {
      fill: none;
      stroke: #7b8496;
      stroke-width: 1.4;
    }
    .edge.catch {
      stroke: #c03a3a;
      stroke-dasharray: 5 4;
    }
    .edge.end {
      stroke: #b4bac6;
    }
    .arrow {
      fill: #7b8496;
    }
    .edge-label {
      fill: #5b6475;
      font-size: 10px;
    }
    .terminal {
      fill: #1d2433;
    }
    .terminal.end {
      fill: #fff;
      stroke: #1d2433;
      stroke-width: 4;
    }
    .empty {
      padding: 1rem;
      color: #5b6475;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AslDiagramComponent {
  readonly diagram = input.required<AslDiagram>();
  /** Status by state name (execution detail), if any. */
  readonly statuses = input<Readonly<Partial<Record<string, string>>>>({});
  readonly selected = input<string | null>(null);
  readonly label = input('State machine diagram');
  readonly emptyText = input('Nothing to draw: the definition has no States object.');
  readonly stateSelected = output<string>();

  protected readonly containers = computed(() => this.diagram().boxes.filter((b) => b.kind === 'container'));
  protected readonly leaves = computed(() => this.diagram().boxes.filter((b) => b.kind !== 'container'));
  protected readonly drawnEdges = computed(() => {
    const byId = new Map(this.diagram().boxes.map((b) => [b.id, b]));
    const drawn: DrawnEdge[] = [];
    this.diagram().edges.forEach((edge, i) => {
      const from = byId.get(edge.from);
      const to = byId.get(edge.to);
      if (from && to) drawn.push(drawEdge(`${edge.from}->${edge.to}#${i}`, edge, from, to));
    });
    return drawn;
  });

  protected statusText(box: AslBox): string {
    const status = this.statuses()[box.name];
    return status ? `, ${status}` : '';
  }

  protected clip(name: string): string {
    return name.length > 22 ? `${name.slice(0, 21)}…` : name;
  }
}

/** The layout's route, smoothed: a quadratic curve through each bend's midpoints. */
function drawRoute(key: string, edge: AslEdge, points: readonly { x: number; y: number }[]): DrawnEdge {
  let path = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    path += ` Q${points[i].x},${points[i].y} ${mid.x},${mid.y}`;
  }
  const last = points[points.length - 1];
  path += ` L${last.x},${last.y}`;
  const middle = points[Math.floor(points.length / 2)];
  return { key, kind: edge.kind, label: edge.label, path, labelX: middle.x + 4, labelY: middle.y - 4 };
}

/**
 * Without a route (older layouts): downward edges leave the bottom and enter the top; edges within a row run side to side; edges
 * back up (loops) go round the right side so they do not cross the boxes between.
 */
function drawEdge(key: string, edge: AslEdge, from: AslBox, to: AslBox): DrawnEdge {
  if (edge.points && edge.points.length >= 2) return drawRoute(key, edge, edge.points);
  const fromBottom = from.y + from.height;
  const sameRow = to.y < fromBottom && to.y + to.height > from.y;
  if (sameRow) {
    const rightwards = to.x > from.x;
    const sx = rightwards ? from.x + from.width : from.x;
    const tx = rightwards ? to.x : to.x + to.width;
    const sy = from.y + from.height / 2;
    const ty = to.y + to.height / 2;
    return {
      key,
      kind: edge.kind,
      label: edge.label,
      path: `M${sx},${sy} L${tx},${ty}`,
      labelX: (sx + tx) / 2 - 12,
      labelY: Math.min(sy, ty) - 6,
    };
  }
  if (to.y >= fromBottom) {
    const sx = from.x + from.width / 2;
    const sy = fromBottom;
    const tx = to.x + to.width / 2;
    const ty = to.y;
    const bend = Math.max(20, (ty - sy) / 2);
    return {
      key,
      kind: edge.kind,
      label: edge.label,
      path: `M${sx},${sy} C${sx},${sy + bend} ${tx},${ty - bend} ${tx},${ty}`,
      labelX: (sx + tx) / 2 + 4,
      labelY: (sy + ty) / 2,
    };
  }
  const sx = from.x + from.width;
  const sy = from.y + from.height / 2;
  const tx = to.x + to.width;
  const ty = to.y + to.height / 2;
  const out = Math.max(sx, tx) + 40;
  return {
    key,
    kind: edge.kind,
    label: edge.label,
    path: `M${sx},${sy} C${out},${sy} ${out},${ty} ${tx},${ty}`,
    labelX: out - 30,
    labelY: (sy + ty) / 2,
  };
}
