import { ChangeDetectionStrategy, Component, ElementRef, computed, input, output, viewChild } from '@angular/core';

/**
 * A plain textarea with a line-number gutter (no editor package: the console's bundle stays
 * small). Tab inserts two spaces so indenting JSON does not move focus; Escape then Tab leaves.
 */
@Component({
  selector: 'baton-json-code-area',
  template: `
    <div class="frame" [class.invalid]="invalid()">
      <pre class="gutter" aria-hidden="true" #gutter>{{ lineNumbers() }}</pre>
      <textarea
        #area
        [id]="inputId()"
        spellcheck="false"
        autocapitalize="off"
        autocomplete="off"
        wrap="off"
        [value]="value()"
        [attr.aria-invalid]="invalid() ? true : null"
        [attr.aria-describedby]="describedBy()"
        (input)="valueChange.emit(area.value)"
        (scroll)="gutter.scrollTop = area.scrollTop"
        (keydown)="indent($event)"
      ></textarea>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-height: 0;
    }
    .frame {
      display: flex;
      height: 100%;
      border: 1px solid var(--border, #cfd4dc);
      border-radius: 6px;
      overflow: hidden;
      background: #fff;
    }
    .frame.invalid {
      border-color: #c03a3a;
    }
    .frame:focus-within {
      outline: 2px solid #6b3fd6;
      outline-offset: -1px;
    }
    pre,
    textarea {
      margin: 0;
      font:
        12.5px/1.5 ui-monospace,
        SFMono-Regular,
        Menlo,
        monospace;
      padding: 8px;
    }
    .gutter {
      flex: none;
      min-width: 3ch;
      text-align: right;
      color: #8a94a6;
      background: #f3f4f7;
      overflow: hidden;
      user-select: none;
      border-right: 1px solid #e2e5ea;
    }
    textarea {
      flex: 1;
      border: 0;
      resize: none;
      outline: none;
      white-space: pre;
      overflow: auto;
      tab-size: 2;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JsonCodeAreaComponent {
  readonly value = input.required<string>();
  readonly inputId = input('json-code');
  readonly invalid = input(false);
  readonly describedBy = input<string | null>(null);
  readonly valueChange = output<string>();

  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');
  private escaped = false;
  protected readonly lineNumbers = computed(() => {
    const count = this.value().split('\n').length;
    return Array.from({ length: count }, (_, i) => i + 1).join('\n');
  });

  /** Puts the caret at an offset and scrolls it into view (problem list clicks). */
  reveal(offset: number): void {
    const area = this.area().nativeElement;
    area.focus();
    area.setSelectionRange(offset, offset);
    const line = area.value.slice(0, offset).split('\n').length;
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (line - 4) * lineHeight);
  }

  protected indent(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.escaped = true;
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || this.escaped) {
      this.escaped = false;
      return;
    }
    event.preventDefault();
    const area = this.area().nativeElement;
    area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
    this.valueChange.emit(area.value);
  }
}
