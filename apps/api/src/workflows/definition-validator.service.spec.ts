import { describe, expect, it } from '@jest/globals';
import { AslInterpreter, createTestEngine, InvalidInputError } from '@baton/engine';
import { createDefaultNodeRegistry } from '@baton/nodes';
import { DomainError } from '../common/domain.error';
import { CredentialReferenceChecker } from './credential-reference-checker';
import { DefinitionValidator } from './definition-validator.service';
import { asInvalidDefinition } from './invalid-definition.error';

const node = (id: string, type: string, inputs: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { inputs },
});

describe('DefinitionValidator', () => {
  const registry = createDefaultNodeRegistry();
  const validator = new DefinitionValidator(
    createTestEngine({ registry }).engine,
    new CredentialReferenceChecker(registry, { findInWorkspace: async () => null }),
  );

  it('roots the interpreter problems at the request body', () => {
    const definition = { nodes: [node('start', 'trigger.manual'), node('x', 'no.such')], edges: [] };
    expect(validator.check('graph', definition)).toEqual({
      valid: false,
      problems: [{ path: 'definition.nodes[1].type', message: 'unknown node type "no.such"', nodeId: 'x' }],
    });
  });

  it('refuses `format` inside the definition and reports a structural fault once', () => {
    expect(validator.check('graph', { nodes: [], edges: 'x' }).problems).toEqual([
      { path: 'definition.edges', message: 'edges must be an array' },
    ]);
    expect(validator.check('graph', { format: 'graph', nodes: [], edges: [] }).problems[0].path).toBe(
      'definition.format',
    );
  });

  it('lists every problem of every layer: a broken edge hides neither an unknown type nor a missing setting', () => {
    const definition = {
      nodes: [node('start', 'trigger.manual'), node('x', 'no.such'), node('wait', 'flow.delay'), { id: 'bad.id' }],
      edges: [
        { id: 'e1', source: 'start', target: 'x' },
        { id: 'e2', source: 'start', target: 'ghost' },
        { id: 'e3', source: 'start', target: 'wait' },
      ],
    };
    expect(validator.check('graph', definition)).toEqual({
      valid: false,
      problems: [
        { path: 'definition.nodes[3].id', message: expect.any(String), nodeId: 'bad.id' },
        { path: 'definition.nodes[3].type', message: 'type must be a string', nodeId: 'bad.id' },
        { path: 'definition.nodes[3].data', message: 'data must be an object', nodeId: 'bad.id' },
        { path: 'definition.edges[1].target', message: 'target "ghost" is not a node', edgeId: 'e2' },
        { path: 'definition.nodes[1].type', message: 'unknown node type "no.such"', nodeId: 'x' },
        { path: 'definition.nodes[2].data.inputs.ms', message: expect.stringContaining('ms'), nodeId: 'wait' },
      ],
    });
  });

  it('lists ASL structure problems beside the interpreter ones', () => {
    const withAsl = new DefinitionValidator(
      createTestEngine({
        registry: createDefaultNodeRegistry(),
        moreInterpreters: (registry) => [new AslInterpreter(registry)],
      }).engine,
      new CredentialReferenceChecker(registry, { findInWorkspace: async () => null }),
    );
    const definition = {
      StartAt: 'Missing',
      States: { A: { Type: 'Task', Resource: 'baton:no.such', End: true }, B: { Type: 'Pass', Next: 'Nowhere' } },
    };
    const paths = withAsl.check('asl', definition).problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['definition.StartAt', 'definition.States.A.Resource', 'definition.States.B.Next']),
    );
    expect(paths.filter((p) => p === 'definition.StartAt')).toHaveLength(1);
  });

  it('gives a stored format without an interpreter (ASL today) its structural check only', () => {
    expect(validator.check('asl', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })).toEqual({
      valid: true,
      problems: [],
    });
    expect(validator.check('asl', { States: {} }).problems.map((p) => p.path)).toEqual([
      'definition.StartAt',
      'definition.States',
    ]);
  });

  it('reports an unknown format at `format` and an oversized definition at `definition`', () => {
    expect(validator.check('bpmn', {}).problems).toEqual([
      { path: 'format', message: expect.stringContaining('"bpmn"') },
    ]);
    expect(validator.check('graph', { nodes: [], edges: [], pad: 'x'.repeat(1024 * 1024) }).problems).toEqual([
      { path: 'definition', message: 'must be at most 1048576 bytes of JSON' },
    ]);
  });

  it('throws one VALIDATION_FAILED error listing every problem', () => {
    const definition = {
      nodes: [node('start', 'trigger.manual'), node('a', 'nope.a'), node('b', 'nope.b')],
      edges: [],
    };
    const error = (() => {
      try {
        validator.assertValid('graph', definition);
      } catch (thrown) {
        return thrown as DomainError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(
      'definition.nodes[1].type: unknown node type "nope.a"; definition.nodes[2].type: unknown node type "nope.b"',
    );
    expect((error.details?.problems as unknown[]).length).toBe(2);
  });
});

describe('DefinitionValidator in a workspace: the credentials nodes name', () => {
  const registry = createDefaultNodeRegistry();
  const [openaiA, smtpA, openaiB] = [
    '11111111-1111-4111-8111-111111111111',
    '22222222-2222-4222-8222-222222222222',
    '33333333-3333-4333-8333-333333333333',
  ];
  const stored = [
    { id: openaiA, workspaceId: 'ws-a', kind: 'openai' },
    { id: smtpA, workspaceId: 'ws-a', kind: 'smtp' },
    { id: openaiB, workspaceId: 'ws-b', kind: 'openai' },
  ];
  const validator = new DefinitionValidator(
    createTestEngine({ registry }).engine,
    new CredentialReferenceChecker(registry, {
      findInWorkspace: async (workspaceId: string, id: string) =>
        (stored.find((row) => row.id === id && row.workspaceId === workspaceId) ?? null) as never,
    }),
  );
  const graph = (...credentialIds: string[]) => ({
    nodes: [
      node('start', 'trigger.manual'),
      ...credentialIds.map((credentialId, i) => node(`ai${i}`, 'ai.generate', { credentialId, prompt: 'hi' })),
    ],
    edges: credentialIds.map((_, i) => ({
      id: `e${i}`,
      source: 'start',
      target: `ai${i}`,
      sourceHandle: 'out',
      targetHandle: 'in',
    })),
  });

  it('accepts a credential of an accepted kind in the same workspace, and templates (known at run time)', async () => {
    expect(await validator.checkInWorkspace('ws-a', 'graph', graph(openaiA, '{{ $execution.input.key }}'))).toEqual({
      valid: true,
      problems: [],
    });
  });

  it('reports a missing, a wrong-kind and another workspace’s credential at the node', async () => {
    const result = await validator.checkInWorkspace('ws-a', 'graph', graph('no-such-id', smtpA, openaiB));
    expect(result).toEqual({
      valid: false,
      problems: [
        {
          path: 'definition.nodes[1].data.inputs.credentialId',
          nodeId: 'ai0',
          message: 'credential "no-such-id" was not found in this workspace',
        },
        {
          path: 'definition.nodes[2].data.inputs.credentialId',
          nodeId: 'ai1',
          message: `credential "${smtpA}" is a smtp credential; this node accepts openai`,
        },
        {
          path: 'definition.nodes[3].data.inputs.credentialId',
          nodeId: 'ai2',
          message: `credential "${openaiB}" was not found in this workspace`,
        },
      ],
    });
    // The same definition is fine where its credentials live, except the missing one.
    const inB = await validator.checkInWorkspace('ws-b', 'graph', graph(openaiB));
    expect(inB.valid).toBe(true);
    await expect(validator.assertValidInWorkspace('ws-a', 'graph', graph(smtpA))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('asInvalidDefinition', () => {
  it("turns the engine's refusal of a definition into the save's 400 body and leaves other errors alone", () => {
    const refused = asInvalidDefinition(
      new InvalidInputError('Workflow definition is invalid', 'INVALID_DEFINITION', [
        { path: 'nodes[0]', message: 'bad', nodeId: 'a' },
      ]),
    );
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [{ path: 'definition.nodes[0]', message: 'bad', nodeId: 'a' }] },
    });
    expect(
      asInvalidDefinition(new InvalidInputError('Unsupported workflow format "x"', 'UNSUPPORTED_FORMAT')),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [{ path: 'format', message: 'Unsupported workflow format "x"' }] },
    });
    const other = new InvalidInputError('Execution x not found', 'EXECUTION_NOT_FOUND');
    expect(asInvalidDefinition(other)).toBe(other);
  });
});
