/** What a key press in the graph editor asks for. */
export type EditorCommand =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'fit'
  | 'zoomIn'
  | 'zoomOut'
  | 'resetZoom'
  | 'save'
  | 'help';

/** The shortcuts as the help dialog lists them (`Mod` is Ctrl, or ⌘ on a Mac). */
export const EDITOR_SHORTCUTS: readonly { readonly keys: string; readonly action: string }[] = [
  { keys: 'Mod+Z', action: 'Undo' },
  { keys: 'Shift+Mod+Z  or  Mod+Y', action: 'Redo' },
  { keys: 'Mod+C / Mod+X / Mod+V', action: 'Copy, cut, paste the selected nodes (as JSON, between workflows too)' },
  { keys: 'Mod+D', action: 'Duplicate the selected nodes' },
  { keys: 'Delete  or  Backspace', action: 'Remove the selected nodes' },
  { keys: 'Mod+A', action: 'Select every node' },
  { keys: 'Shift+click, Shift+drag', action: 'Add to the selection, select with a box' },
  { keys: 'Mod+wheel, + / −, 0', action: 'Zoom, reset to 100%' },
  { keys: '1', action: 'Fit the workflow to the view' },
  { keys: 'Mod+S', action: 'Save' },
  { keys: 'Double-click a title', action: 'Rename the node' },
  { keys: '?', action: 'This list' },
];

/**
 * The command a key press stands for, or null. Presses inside form fields belong to the field
 * (typing "1" in a setting must not fit the view), except Mod+S.
 */
export function commandOf(event: KeyboardEvent, inField: boolean): EditorCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === 's') return 'save';
  if (inField) return null;
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'c') return 'copy';
  if (mod && key === 'x') return 'cut';
  if (mod && key === 'v') return 'paste';
  if (mod && key === 'd') return 'duplicate';
  if (mod && key === 'a') return 'selectAll';
  if (mod || event.altKey) return null;
  switch (event.key) {
    case 'Delete':
    case 'Backspace':
      return 'delete';
    case '?':
      return 'help';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
      return 'zoomOut';
    case '0':
      return 'resetZoom';
    case '1':
      return 'fit';
    default:
      return null;
  }
}

/** True when the key press happens in something that takes text. */
export function isInField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.closest) return false;
  return !!element.closest('input, textarea, select, [contenteditable="true"], .cm-editor');
}
