import type { CreateWorkflowDto } from '../api/generated/models/create-workflow-dto';
import type { WorkflowDto } from '../api/generated/models/workflow-dto';

/** Marks a file as a Baton workflow export, so an import can tell it from any other JSON. */
const KIND = 'baton.workflow';
const FILE_VERSION = 1;

/** The JSON file a workflow is exported to: everything needed to create it again elsewhere. */
export interface WorkflowFile {
  readonly kind: typeof KIND;
  readonly version: typeof FILE_VERSION;
  readonly name: string;
  readonly description: string;
  readonly format: WorkflowDto['format'];
  readonly tags: readonly string[];
  readonly settings: WorkflowDto['settings'];
  readonly definition: unknown;
}

export function toWorkflowFile(workflow: WorkflowDto): WorkflowFile {
  const { name, description, format, tags, settings, definition } = workflow;
  return { kind: KIND, version: FILE_VERSION, name, description, format, tags, settings, definition };
}

/** A safe file name from the workflow name: "Order triage" -> "order-triage.workflow.json". */
export function workflowFileName(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'workflow';
  return `${slug.slice(0, 60)}.workflow.json`;
}

/**
 * Reads an imported file into a create request. Besides Baton's own export it accepts a bare
 * definition: `{ nodes, edges }` (graph) or `{ StartAt, States }` (ASL, e.g. from AWS). The
 * server validates the definition itself; this only reports what is not a workflow at all.
 */
export function readWorkflowFile(text: string, fileName: string): CreateWorkflowDto {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not valid JSON.`);
  }
  if (!isObject(value)) throw new Error(`${fileName} does not contain a JSON object.`);
  const fallbackName = fileName.replace(/(\.workflow)?\.json$/i, '') || 'Imported workflow';
  if (value['kind'] === KIND) {
    if (value['format'] !== 'graph' && value['format'] !== 'asl')
      throw new Error(`${fileName}: "format" must be "graph" or "asl".`);
    if (!isObject(value['definition'])) throw new Error(`${fileName}: "definition" must be an object.`);
    const settings = isObject(value['settings']) ? (value['settings'] as CreateWorkflowDto['settings']) : undefined;
    return {
      name: typeof value['name'] === 'string' && value['name'].trim() ? value['name'] : fallbackName,
      description: typeof value['description'] === 'string' ? value['description'] : undefined,
      format: value['format'],
      tags: Array.isArray(value['tags']) ? value['tags'].filter((t): t is string => typeof t === 'string') : undefined,
      settings,
      definition: value['definition'],
    };
  }
  if (Array.isArray(value['nodes'])) return { name: fallbackName, format: 'graph', definition: value };
  if (typeof value['StartAt'] === 'string' && isObject(value['States'])) {
    const comment = typeof value['Comment'] === 'string' ? value['Comment'] : '';
    return { name: fallbackName, description: comment.slice(0, 500) || undefined, format: 'asl', definition: value };
  }
  throw new Error(`${fileName} is neither a Baton workflow export nor a graph or ASL definition.`);
}

/**
 * The document when an imported file is a workflow in the seed design's format (`{ nodes, edges,
 * cron, status }` with snake_case node types like `launch_standard_browser`): the API's
 * `POST /api/workflows/import` maps it. Baton's own types are dotted (`trigger.manual`), and its
 * exports carry `kind`, so neither is taken for a seed document.
 */
export function readSeedWorkflow(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || value['kind'] !== undefined || !Array.isArray(value['nodes'])) return null;
  const seedTypes = value['nodes'].some(
    (node) => isObject(node) && typeof node['type'] === 'string' && !node['type'].includes('.'),
  );
  return seedTypes || typeof value['cron'] === 'string' ? value : null;
}

/** Offers JSON as a file download (an object URL on a temporary link; revoked right after). */
export function downloadJson(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download synchronously; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
