/** A node family (the part of a type id before the dot: `http` of `http.request`) as the palette shows it. */
export interface NodeFamily {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** SVG path data on a 24×24 grid, drawn as a stroke. */
  readonly icon: string;
}

// Palette order: how a run usually flows, from what starts it to what it sends out.
const FAMILIES: readonly NodeFamily[] = [
  { id: 'trigger', title: 'Triggers', description: 'Where a run starts', icon: 'M13 3 5 14h6l-1 7 8-11h-6z' },
  {
    id: 'http',
    title: 'HTTP',
    description: 'Call any HTTP API',
    icon: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  },
  {
    id: 'browser',
    title: 'Browser',
    description: 'Drive a real Chromium page: open, fill, click, read, screenshot',
    icon: 'M3 5h18v14H3zM3 9h18M6 7h.01M8.5 7h.01',
  },
  {
    id: 'html',
    title: 'HTML',
    description: 'Extract text and values from HTML',
    icon: 'm8 7-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
  },
  {
    id: 'template',
    title: 'Templates',
    description: 'Render HTML documents (stored as artifacts) and text from Eta templates',
    icon: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h5',
  },
  {
    id: 'ai',
    title: 'AI',
    description: 'OpenAI-compatible models: structured extraction and text',
    icon: 'M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8zM18 15l.9 2.1L21 18l-2.1.9L18 21l-.9-2.1L15 18l2.1-.9z',
  },
  {
    id: 'data',
    title: 'Data',
    description: 'Shape values between steps',
    icon: 'M4 6c0-3 16-3 16 0v12c0 3-16 3-16 0zM4 6c0 3 16 3 16 0M4 12c0 3 16 3 16 0',
  },
  {
    id: 'code',
    title: 'Code',
    description: 'Run JavaScript in a sandbox',
    icon: 'M4 5h16v14H4zM8 10l2 2-2 2M12 14h4',
  },
  {
    id: 'flow',
    title: 'Flow control',
    description: 'Branch, loop, wait, merge and fail',
    icon: 'M6 4v6a4 4 0 0 0 4 4h8M6 4v16M15 11l3 3-3 3',
  },
  { id: 'email', title: 'Email', description: 'Send mail over SMTP', icon: 'M3 6h18v12H3zM3 6l9 7 9-7' },
  { id: 'sms', title: 'SMS', description: 'Send text messages', icon: 'M7 3h10v18H7zM11 18h2' },
  {
    id: 'webhook',
    title: 'Webhooks',
    description: 'Post JSON to another service, signed',
    icon: 'M9 14a3 3 0 1 1 2-5.2L14 4M15 14a3 3 0 1 1-1.5 5.6L9 14h8M12 8.5A3 3 0 1 1 17 11l-3 5',
  },
  { id: 'util', title: 'Utilities', description: 'Logging and small helpers', icon: 'M4 6h16M4 12h10M4 18h13' },
];
const BY_ID = new Map(FAMILIES.map((family) => [family.id, family]));
const GENERIC_ICON = 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z';

/** The family of a node type id (`browser.open` → browser), with a generic look for new families. */
export function nodeFamilyOf(type: string): NodeFamily {
  const id = type.includes('.') ? type.slice(0, type.indexOf('.')) : type;
  return BY_ID.get(id) ?? { id, title: id.charAt(0).toUpperCase() + id.slice(1), description: '', icon: GENERIC_ICON };
}

/** Sort key: known families in palette order, new ones after them alphabetically. */
export function familyRank(id: string): number {
  const index = FAMILIES.findIndex((family) => family.id === id);
  return index === -1 ? FAMILIES.length : index;
}
