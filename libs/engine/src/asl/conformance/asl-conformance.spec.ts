import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ASL_CONFORMANCE_CASES } from './cases/index.js';
import { conformanceNodeTypes } from './conformance-node-types.js';
import { startConformanceStubServer, withStubUrl } from './conformance-stub-server.js';
import { createAslTestEngine } from './create-asl-test-engine.js';
import { runAslConformanceCase } from './run-asl-conformance-case.js';

describe('ASL conformance (in-memory engine)', () => {
  let stub: Awaited<ReturnType<typeof startConformanceStubServer>>;
  beforeAll(async () => (stub = await startConformanceStubServer()));
  afterAll(() => stub.close());

  it.each(ASL_CONFORMANCE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const t = createAslTestEngine({ nodeTypes: conformanceNodeTypes(), lambdaEndpoint: stub.url });
    const result = await runAslConformanceCase(t, testCase, withStubUrl(testCase.definition, stub.url), stub.url);
    expect(t.scheduleErrors).toEqual([]);
    if (testCase.expect.status === 'completed') {
      expect({ status: result.status, error: result.error, cause: result.cause, output: result.output }).toEqual({
        status: 'completed',
        error: null,
        cause: null,
        output: testCase.expect.output,
      });
    } else {
      expect({ status: result.status, error: result.error }).toEqual({
        status: 'failed',
        error: testCase.expect.error,
      });
      if (testCase.expect.cause !== undefined) expect(result.cause).toBe(testCase.expect.cause);
      if (testCase.expect.causeContains !== undefined) expect(result.cause).toContain(testCase.expect.causeContains);
    }
  });
});
