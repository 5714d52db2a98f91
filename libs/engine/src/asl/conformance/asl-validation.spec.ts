import { describe, expect, it } from '@jest/globals';
import { NodeRegistry } from '../../nodes/node-registry.js';
import { validateAslDefinition } from '../validation/validate-asl-definition.js';
import { ASL_CONFORMANCE_CASES } from './cases/index.js';
import { validationCases } from './cases/validation-cases.js';
import { conformanceNodeTypes } from './conformance-node-types.js';

const registry = new NodeRegistry(conformanceNodeTypes());

describe('ASL validation', () => {
  it.each(validationCases.map((c) => [c.name, c] as const))('refuses: %s', (_name, testCase) => {
    const result = validateAslDefinition(testCase.definition, registry);
    expect(result.valid).toBe(false);
    for (const expected of testCase.problems) {
      const found = result.problems.find(
        (p) => p.path === expected.path && p.message.includes(expected.messageContains ?? ''),
      );
      expect({ found: !!found, expected, problems: result.problems }).toMatchObject({ found: true });
    }
  });

  it('accepts every conformance case definition', () => {
    const invalid = ASL_CONFORMANCE_CASES.map((c) => ({
      name: c.name,
      ...validateAslDefinition(JSON.parse(JSON.stringify(c.definition).replaceAll('{{ACTIVITY}}', 'worker')), registry),
    })).filter((r) => !r.valid);
    expect(invalid).toEqual([]);
  });
});
