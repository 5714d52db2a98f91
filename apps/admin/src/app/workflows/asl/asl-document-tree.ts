import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';

// Questions about an ASL document answered from CodeMirror's JSON syntax tree (lezer-json:
// Object > Property > PropertyName ":" value), so they keep working while the text does not parse.

const PARSE_BUDGET_MS = 200;

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** Where a validation path (`States.Fulfil.Next`, `States.P.Branches[0].States.A`) is in the text. */
export function rangeOfPath(state: EditorState, path: string): TextRange | null {
  let value = rootValue(state);
  let found: TextRange | null = null;
  for (const segment of pathSegments(path)) {
    if (!value) break;
    if (typeof segment === 'number') {
      const item = value.name === 'Array' ? valuesOf(value)[segment] : undefined;
      if (!item) break;
      found = { from: item.from, to: item.name === 'Object' || item.name === 'Array' ? item.from + 1 : item.to };
      value = item;
      continue;
    }
    const property = value.name === 'Object' ? propertiesOf(value).find((p) => keyOf(state, p) === segment) : undefined;
    if (!property) break;
    const name = property.getChild('PropertyName')!;
    const propertyValue = property.lastChild;
    const nested = propertyValue?.name === 'Object' || propertyValue?.name === 'Array';
    // A scalar is marked whole (`"Next": "Nowhere"`); an object or array only by its key.
    found = { from: name.from, to: nested || !propertyValue ? name.to : propertyValue.to };
    value = propertyValue;
  }
  return found;
}

/** The innermost state whose definition contains `pos`, or null outside every state. */
export function stateAt(state: EditorState, pos: number): string | null {
  // Side 1: a caret on a key (where a diagram click puts it) belongs to that key's state.
  for (let node: SyntaxNode | null = tree(state).resolveInner(pos, 1); node; node = node.parent) {
    if (node.name !== 'Property') continue;
    const states = node.parent?.parent;
    if (states?.name === 'Property' && keyOf(state, states) === 'States') return keyOf(state, node);
  }
  return null;
}

/** Every state name in the document, nested machines included (names are unique machine-wide). */
export function stateNames(state: EditorState): string[] {
  const names = new Set<string>();
  tree(state).iterate({
    enter: (ref) => {
      if (ref.name !== 'Property' || keyOf(state, ref.node) !== 'States') return;
      const value = ref.node.lastChild;
      if (value?.name === 'Object') for (const p of propertiesOf(value)) names.add(keyOf(state, p) ?? '');
    },
  });
  names.delete('');
  return [...names];
}

/** Offset of a state's key in the text, or -1 (a diagram click puts the caret there). */
export function stateOffset(state: EditorState, name: string): number {
  let offset = -1;
  tree(state).iterate({
    enter: (ref) => {
      if (offset >= 0) return false;
      if (ref.name !== 'Property' || keyOf(state, ref.node) !== 'States') return;
      const value = ref.node.lastChild;
      const match = value?.name === 'Object' ? propertiesOf(value).find((p) => keyOf(state, p) === name) : undefined;
      if (match) offset = match.from;
      return undefined;
    },
  });
  return offset;
}

function tree(state: EditorState) {
  return ensureSyntaxTree(state, state.doc.length, PARSE_BUDGET_MS) ?? syntaxTree(state);
}

function rootValue(state: EditorState): SyntaxNode | null {
  return tree(state).topNode.firstChild;
}

function propertiesOf(object: SyntaxNode): SyntaxNode[] {
  return object.getChildren('Property');
}

function valuesOf(array: SyntaxNode): SyntaxNode[] {
  const values: SyntaxNode[] = [];
  for (let child = array.firstChild; child; child = child.nextSibling) {
    if (child.name !== '[' && child.name !== ']' && child.name !== ',' && !child.type.isError) values.push(child);
  }
  return values;
}

function keyOf(state: EditorState, property: SyntaxNode): string | null {
  const name = property.getChild('PropertyName');
  if (!name) return null;
  try {
    return JSON.parse(state.sliceDoc(name.from, name.to)) as string;
  } catch {
    return null;
  }
}

/** `States.A.Branches[0].States.B` -> ['States', 'A', 'Branches', 0, 'States', 'B']. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}
