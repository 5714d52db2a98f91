import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

/** Wait states: they park the execution on a delayed job and pass their input on. */
export const waitCases: AslConformanceCase[] = [
  {
    name: 'wait: Seconds then continues with the input',
    definition: chain(['W', { Type: 'Wait', Seconds: 1 }], ['P', { Type: 'Pass', Result: 'after', ResultPath: '$.p' }]),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1, p: 'after' } },
  },
  {
    name: 'wait: Seconds 0',
    definition: single({ Type: 'Wait', Seconds: 0 }),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1 } },
  },
  {
    name: 'wait: SecondsPath',
    definition: single({ Type: 'Wait', SecondsPath: '$.s' }),
    input: { s: 1 },
    expect: { status: 'completed', output: { s: 1 } },
  },
  {
    name: 'wait: Timestamp in the past continues at once',
    definition: single({ Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z' }),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1 } },
  },
  {
    name: 'wait: TimestampPath',
    definition: single({ Type: 'Wait', TimestampPath: '$.until' }),
    input: { until: '2001-02-03T04:05:06Z' },
    expect: { status: 'completed', output: { until: '2001-02-03T04:05:06Z' } },
  },
  {
    name: 'wait: InputPath and OutputPath apply',
    definition: single({ Type: 'Wait', Seconds: 0, InputPath: '$.in', OutputPath: '$.v' }),
    input: { in: { v: 3 } },
    expect: { status: 'completed', output: 3 },
  },
  {
    name: 'wait: a SecondsPath that is not a number is States.Runtime',
    definition: single({ Type: 'Wait', SecondsPath: '$.s' }),
    input: { s: 'soon' },
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'wait: a TimestampPath that is not a timestamp is States.Runtime',
    definition: single({ Type: 'Wait', TimestampPath: '$.t' }),
    input: { t: 'tomorrow' },
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'wait: a missing SecondsPath is States.Runtime',
    definition: single({ Type: 'Wait', SecondsPath: '$.nope' }),
    input: {},
    expect: { status: 'failed', error: 'States.Runtime' },
  },
];
