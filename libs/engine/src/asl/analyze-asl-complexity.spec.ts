import { describe, expect, it } from '@jest/globals';
import { analyzeAslComplexity } from './analyze-asl-complexity.js';
import type { AslSubMachine } from './definition/asl-definition.js';

const machineWith = (resource: string): AslSubMachine => ({
  StartAt: 'Ask',
  States: { Ask: { Type: 'Task', Resource: resource, End: true } },
});

describe('analyzeAslComplexity: waiting for someone outside (issue 10, item 2)', () => {
  it.each([
    'arn:aws:states:::lambda:invoke.waitForTaskToken',
    'arn:aws:states:us-east-1:123456789012:activity:approve',
  ])('queues a machine with %s under auto and says it waits for people', (resource) => {
    expect(analyzeAslComplexity(machineWith(resource))).toMatchObject({
      waitsForPeople: true,
      recommendedMode: 'queued',
    });
  });

  it('finds such a task inside a Parallel branch or a Map processor', () => {
    const nested: AslSubMachine = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [machineWith('arn:aws:states:::sqs:sendMessage.waitForTaskToken')],
          End: true,
        },
      },
    };
    expect(analyzeAslComplexity(nested).waitsForPeople).toBe(true);
  });

  it('runs a short machine without callbacks immediately', () => {
    expect(analyzeAslComplexity(machineWith('baton:data.transform'))).toMatchObject({
      waitsForPeople: false,
      recommendedMode: 'immediate',
    });
  });
});
