import { describe, expect, it } from '@jest/globals';
import type { ExecutionRecord } from '@baton/engine';
import { BoundedLabel, OVERFLOW_LABEL } from './bounded-label';
import { labelsOfExecution } from './execution-labels';

const execution = (format: string, definition: unknown, extra: Partial<ExecutionRecord> = {}) =>
  ({ format, definition, workflowId: 'wf-1', mode: 'queued', durability: 'standard', ...extra }) as ExecutionRecord;

describe('labelsOfExecution', () => {
  it('labels graph steps, loop iterations included, by the node type written in the definition', () => {
    const labels = labelsOfExecution(
      execution('graph', {
        nodes: [
          { id: 'loop', type: 'flow.loop' },
          { id: 'fetch', type: 'http.request@1' },
        ],
        edges: [],
      }),
    );
    expect(labels).toMatchObject({ workflow: 'wf-1', mode: 'queued', durability: 'standard' });
    expect(labels.nodeTypeOf('loop')).toBe('flow.loop');
    expect(labels.nodeTypeOf('loop[3].fetch')).toBe('http.request@1');
    expect(labels.nodeTypeOf('gone')).toBe('unknown');
    expect(labels.nodeTypeOf(undefined)).toBe('none');
  });

  it('labels ASL steps by state type, inside Map and Parallel too, with escaped names', () => {
    const labels = labelsOfExecution(
      execution(
        'asl',
        {
          StartAt: 'Fan',
          States: {
            Fan: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'Call a/b', States: { 'Call a/b': { Type: 'Task', End: true } } },
              Next: 'Both',
            },
            Both: { Type: 'Parallel', Branches: [{ StartAt: 'Wait', States: { Wait: { Type: 'Wait' } } }], End: true },
          },
        },
        { mode: 'immediate', durability: 'express' },
      ),
    );
    expect(labels).toMatchObject({ mode: 'immediate', durability: 'express' });
    expect(labels.nodeTypeOf('1.Fan')).toBe('asl.Map');
    expect(labels.nodeTypeOf('1.Fan[4]/1.Call a%2Fb')).toBe('asl.Task');
    expect(labels.nodeTypeOf('2.Both[0]/1.Wait')).toBe('asl.Wait');
  });
});

describe('BoundedLabel', () => {
  it('passes values through until its budget is spent, then answers other; long values are cut', () => {
    const label = new BoundedLabel(2, 5);
    expect(label.of('a')).toBe('a');
    expect(label.of('b')).toBe('b');
    expect(label.of('c')).toBe(OVERFLOW_LABEL);
    expect(label.of('a')).toBe('a');
    expect(label.of(null)).toBe(OVERFLOW_LABEL);
    expect(new BoundedLabel(5, 5).of('abcdefgh')).toBe('abcde');
    expect(new BoundedLabel(5).of(undefined, 'none')).toBe('none');
  });
});
