import { PermanentError } from '../../errors/engine.error.js';
import { evaluateExpression } from '../../expressions/evaluate-expression.js';
import type { AnyNodeType } from '../../nodes/node-type.js';
import { testNodeType } from '../../testing/test-node-types.js';

/**
 * Stand-ins, for the unit runner, of the libs/nodes types the conformance cases use
 * (`data.transform`, `flow.fail`); same settings and behaviour, so the cases run unchanged
 * against the real registry through the API. The engine may not import libs/nodes.
 */
export function conformanceNodeTypes(): AnyNodeType[] {
  return [
    testNodeType(
      'data.transform',
      async ({ data, settings, bindings }) => evaluateExpression(String(settings.expression), data, bindings),
      {
        settingsSchema: {
          type: 'object',
          properties: { expression: { type: 'string', format: 'jsonata' } },
          required: ['expression'],
        },
      },
    ),
    testNodeType(
      'flow.fail',
      async ({ settings }) => {
        throw new PermanentError(String(settings.cause), String(settings.error));
      },
      {
        settingsSchema: {
          type: 'object',
          properties: {
            error: { type: 'string', default: 'WORKFLOW_FAILED' },
            cause: { type: 'string', default: 'Workflow stopped by a fail node' },
          },
        },
      },
    ),
  ];
}
