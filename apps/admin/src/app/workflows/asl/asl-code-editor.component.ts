import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { aslCompletion } from './asl-completion';
import { rangeOfPath, stateAt, stateOffset } from './asl-document-tree';

/** A validation problem located by its path in the document (`States.Fulfil.Next`). */
export interface PathProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The ASL definition in CodeMirror 6: JSON highlighting, folding, bracket matching, completion
 * of state types, fields and Next/Default targets, and the validator's problems as inline
 * markers at their paths. Loaded only with the ASL editor route (its chunk carries CodeMirror).
 */
@Component({
  selector: 'baton-asl-code-editor',
  template: `<div #host class="frame" [class.invalid]="invalid()" [attr.data-caret]="caret()"></div>`,
  styles: `
    :host {
      display: block;
      min-height: 0;
    }
    .frame {
      height: 100%;
      overflow: hidden;
      border: 1px solid var(--border, #cfd4dc);
      border-radius: 6px;
      background: #fff;
    }
    .frame.invalid {
      border-color: #c03a3a;
    }
    .frame:focus-within {
      outline: 2px solid #6b3fd6;
      outline-offset: -1px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AslCodeEditorComponent {
  readonly value = input.required<string>();
  readonly problems = input<readonly PathProblem[]>([]);
  readonly syntaxError = input<{ readonly offset: number; readonly message: string } | null>(null);
  readonly invalid = input(false);
  readonly inputId = input('asl-code');
  readonly labelledBy = input<string | null>(null);
  readonly describedBy = input<string | null>(null);
  readonly valueChange = output<string>();
  /** The state the caret is in, as the caret moves (the diagram highlights it). */
  readonly stateAtCaret = output<string | null>();

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private readonly view = signal<EditorView | null>(null);
  protected readonly caret = signal(0);
  private lastState: string | null = null;

  constructor() {
    afterNextRender(() => this.view.set(this.createView()));
    inject(DestroyRef).onDestroy(() => this.view()?.destroy());
    // The store's text changes under the editor only on load or restore; typing round-trips equal.
    effect(() => {
      const value = this.value();
      const view = this.view();
      if (view && view.state.doc.toString() !== value) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      }
    });
    effect(() => {
      const view = this.view();
      const problems = this.problems();
      const syntaxError = this.syntaxError();
      if (view) view.dispatch(setDiagnostics(view.state, this.diagnostics(view.state, problems, syntaxError)));
    });
  }

  /** Puts the caret at an offset, scrolled into view (problem list clicks). */
  reveal(offset: number): void {
    const view = this.view();
    if (!view) return;
    const at = Math.min(Math.max(0, offset), view.state.doc.length);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  }

  /** Puts the caret at what a validation path points at; false when nothing of it is in the text. */
  revealPath(path: string): boolean {
    const view = this.view();
    const range = view && path ? rangeOfPath(view.state, path) : null;
    if (!range) return false;
    this.reveal(range.from);
    return true;
  }

  /** Puts the caret on a state's key (diagram clicks); false when the state is not in the text. */
  revealState(name: string): boolean {
    const view = this.view();
    const offset = view ? stateOffset(view.state, name) : -1;
    if (offset < 0) return false;
    this.reveal(offset);
    return true;
  }

  private createView(): EditorView {
    const attributes: Record<string, string> = { id: this.inputId(), 'aria-multiline': 'true' };
    const labelledBy = this.labelledBy();
    const describedBy = this.describedBy();
    if (labelledBy) attributes['aria-labelledby'] = labelledBy;
    if (describedBy) attributes['aria-describedby'] = describedBy;
    return new EditorView({
      parent: this.host().nativeElement,
      state: EditorState.create({
        doc: this.value(),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          foldGutter(),
          drawSelection(),
          indentOnInput(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          bracketMatching(),
          closeBrackets(),
          autocompletion({ override: [aslCompletion] }),
          highlightActiveLine(),
          highlightSelectionMatches(),
          lintGutter(),
          json(),
          EditorState.tabSize.of(2),
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...searchKeymap,
            ...historyKeymap,
            ...foldKeymap,
            ...completionKeymap,
            ...lintKeymap,
            // Tab indents; Escape then Tab leaves the editor (CodeMirror's own focus escape).
            indentWithTab,
          ]),
          EditorView.contentAttributes.of(attributes),
          EditorView.theme({
            '&': { height: '100%', fontSize: '12.5px' },
            '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', lineHeight: '1.5' },
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) this.valueChange.emit(update.state.doc.toString());
            if (update.docChanged || update.selectionSet) this.caretMoved(update.state);
          }),
        ],
      }),
    });
  }

  private caretMoved(state: EditorState): void {
    const head = state.selection.main.head;
    this.caret.set(head);
    const current = stateAt(state, head);
    if (current !== this.lastState) {
      this.lastState = current;
      this.stateAtCaret.emit(current);
    }
  }

  private diagnostics(
    state: EditorState,
    problems: readonly PathProblem[],
    syntaxError: { readonly offset: number; readonly message: string } | null,
  ): Diagnostic[] {
    const length = state.doc.length;
    if (syntaxError) {
      const from = Math.min(syntaxError.offset, length);
      return [{ from, to: Math.min(from + 1, length), severity: 'error', message: syntaxError.message }];
    }
    return problems.map((problem) => {
      // A problem about the whole document (no path found) sits on the first line.
      const range = rangeOfPath(state, problem.path) ?? { from: 0, to: Math.min(1, length) };
      return { from: range.from, to: range.to, severity: 'error', message: problem.message };
    });
  }
}
