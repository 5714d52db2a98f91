import type { AslValidationCase } from '../asl-conformance-case.js';

const pass = { Type: 'Pass', End: true };

/** Definitions the spec forbids, with where validation must point. */
export const validationCases: AslValidationCase[] = [
  {
    name: 'StartAt names a missing state',
    definition: { StartAt: 'Nope', States: { A: pass } },
    problems: [{ path: 'StartAt' }],
  },
  { name: 'States is empty', definition: { StartAt: 'A', States: {} }, problems: [{ path: 'States' }] },
  {
    name: 'Next names a missing state',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Ghost' } } },
    problems: [{ path: 'States.A.Next', messageContains: 'Ghost' }],
  },
  {
    name: 'neither Next nor End',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass' } } },
    problems: [{ path: 'States.A', messageContains: 'Next or "End"' }],
  },
  {
    name: 'both Next and End',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true }, B: pass } },
    problems: [{ path: 'States.A', messageContains: 'both Next and End' }],
  },
  {
    name: 'Choice with End',
    definition: {
      StartAt: 'C',
      States: { C: { Type: 'Choice', End: true, Choices: [{ Variable: '$.v', IsPresent: true, Next: 'A' }] }, A: pass },
    },
    problems: [{ path: 'States.C.End' }],
  },
  {
    name: 'Succeed with Next',
    definition: { StartAt: 'S', States: { S: { Type: 'Succeed', Next: 'A' }, A: pass } },
    problems: [{ path: 'States.S.Next' }],
  },
  {
    name: 'unreachable state',
    definition: { StartAt: 'A', States: { A: pass, Orphan: pass } },
    problems: [{ path: 'States.Orphan', messageContains: 'not reachable' }],
  },
  {
    name: 'no terminal state',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } },
    problems: [{ path: 'States', messageContains: 'terminal' }],
  },
  {
    name: 'unknown state type',
    definition: { StartAt: 'A', States: { A: { Type: 'Sleep', End: true } } },
    problems: [{ path: 'States.A.Type' }],
  },
  {
    name: 'States.ALL not alone in a retrier',
    definition: {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'baton:data.transform', End: true, Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] },
      },
    },
    problems: [{ path: 'States.T.Retry[0].ErrorEquals', messageContains: 'alone' }],
  },
  {
    name: 'States.ALL not last in Catch',
    definition: {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'baton:data.transform',
          End: true,
          Catch: [
            { ErrorEquals: ['States.ALL'], Next: 'A' },
            { ErrorEquals: ['X'], Next: 'A' },
          ],
        },
        A: pass,
      },
    },
    problems: [{ path: 'States.T.Catch[0].ErrorEquals', messageContains: 'last' }],
  },
  {
    name: 'Catch Next names a missing state',
    definition: {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'baton:data.transform',
          End: true,
          Catch: [{ ErrorEquals: ['X'], Next: 'Nowhere' }],
        },
      },
    },
    problems: [{ path: 'States.T.Catch[0].Next' }],
  },
  {
    name: 'Retry on a Pass state',
    definition: { StartAt: 'A', States: { A: { ...pass, Retry: [{ ErrorEquals: ['X'] }] } } },
    problems: [{ path: 'States.A.Retry' }],
  },
  {
    name: 'unknown Baton node type',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'baton:no.such.node', End: true } } },
    problems: [{ path: 'States.T.Resource', messageContains: 'no.such.node' }],
  },
  {
    name: 'unsupported resource',
    definition: {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
    },
    problems: [{ path: 'States.T.Resource', messageContains: 'not supported' }],
  },
  {
    name: 'Choice rule without Next',
    definition: {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.v', IsNull: true }], Default: 'A' }, A: pass },
    },
    problems: [{ path: 'States.C.Choices[0].Next' }],
  },
  {
    name: 'Choice rule with two operators',
    definition: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.v', IsNull: true, IsString: true, Next: 'A' }] },
        A: pass,
      },
    },
    problems: [{ path: 'States.C.Choices[0]', messageContains: 'exactly one operator' }],
  },
  {
    name: 'Choice rule with a wrong operand type',
    definition: {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.v', NumericEquals: '1', Next: 'A' }] }, A: pass },
    },
    problems: [{ path: 'States.C.Choices[0].NumericEquals' }],
  },
  {
    name: 'nested Choice rule with Next',
    definition: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Not: { Variable: '$.v', IsNull: true, Next: 'A' }, Next: 'A' }] },
        A: pass,
      },
    },
    problems: [{ path: 'States.C.Choices[0].Not.Next' }],
  },
  {
    name: 'Choice without Choices',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [], Default: 'A' }, A: pass } },
    problems: [{ path: 'States.C.Choices' }],
  },
  {
    name: 'Wait with two durations',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true } } },
    problems: [{ path: 'States.W', messageContains: 'exactly one' }],
  },
  {
    name: 'Wait with a bad Timestamp',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: 'tomorrow', End: true } } },
    problems: [{ path: 'States.W.Timestamp' }],
  },
  {
    name: 'machine Type other than STANDARD or EXPRESS',
    definition: { Type: 'Standard', StartAt: 'A', States: { A: pass } },
    problems: [{ path: 'Type', messageContains: '"STANDARD" or "EXPRESS"' }],
  },
  {
    name: 'Assign of the reserved name "states"',
    definition: { StartAt: 'A', States: { A: { ...pass, Assign: { 'states.$': '$.x' } } } },
    problems: [{ path: 'States.A.Assign.states.$', messageContains: 'reserved' }],
  },
  {
    name: 'Assign with a name that is not a variable name, and a broken path in a catcher Assign',
    definition: {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'baton:flow.fail',
          End: true,
          Assign: { '1st': 1 },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C', Assign: { 'x.$': 'nope' } }],
        },
        C: pass,
      },
    },
    problems: [
      { path: 'States.T.Assign.1st', messageContains: 'not a variable name' },
      { path: 'States.T.Catch[0].Assign.x.$' },
    ],
  },
  {
    name: 'Assign that is not an object',
    definition: { StartAt: 'A', States: { A: { ...pass, Assign: 'x' } } },
    problems: [{ path: 'States.A.Assign', messageContains: 'object' }],
  },
  {
    name: 'unknown intrinsic function',
    definition: { StartAt: 'A', States: { A: { ...pass, Parameters: { 'x.$': 'States.Nope(1)' } } } },
    problems: [{ path: 'States.A.Parameters.x.$', messageContains: 'States.Nope' }],
  },
  {
    name: 'intrinsic with the wrong argument count',
    definition: { StartAt: 'A', States: { A: { ...pass, Parameters: { 'x.$': 'States.MathAdd(1)' } } } },
    problems: [{ path: 'States.A.Parameters.x.$', messageContains: '2 argument' }],
  },
  {
    name: 'intrinsic with broken syntax',
    definition: { StartAt: 'A', States: { A: { ...pass, Parameters: { nested: { 'x.$': "States.Format('a" } } } } },
    problems: [{ path: 'States.A.Parameters.nested.x.$' }],
  },
  {
    name: "intrinsic string with an open escape (only \\' \\{ \\} \\\\ are escapes)",
    definition: { StartAt: 'A', States: { A: { ...pass, Parameters: { 'x.$': "States.Format('a\\n{}', $.x)" } } } },
    problems: [{ path: 'States.A.Parameters.x.$', messageContains: 'open escape' }],
  },
  {
    name: '.$ field that is neither path nor call',
    definition: { StartAt: 'A', States: { A: { ...pass, Parameters: { 'x.$': 'plain' } } } },
    problems: [{ path: 'States.A.Parameters.x.$' }],
  },
  {
    name: 'Parallel branch with a missing Next',
    definition: {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Gone' } } }] },
      },
    },
    problems: [{ path: 'States.P.Branches[0].States.B.Next' }],
  },
  {
    name: 'Parallel branch cannot jump out to the parent',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Next: 'Out',
          Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Out' } } }],
        },
        Out: pass,
      },
    },
    problems: [{ path: 'States.P.Branches[0].States.B.Next' }],
  },
  {
    name: 'Map processor with an unreachable state',
    definition: {
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: pass, Lost: pass } } } },
    },
    problems: [{ path: 'States.M.ItemProcessor.States.Lost' }],
  },
  {
    name: 'Map with both ItemProcessor and Iterator',
    definition: {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          End: true,
          ItemProcessor: { StartAt: 'I', States: { I: pass } },
          Iterator: { StartAt: 'J', States: { J: pass } },
        },
      },
    },
    problems: [{ path: 'States.M', messageContains: 'exactly one' }],
  },
  {
    name: 'state names must be unique across sub-machines',
    definition: {
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'M', States: { M: pass } } } },
    },
    problems: [{ path: 'States.M.ItemProcessor.States.M', messageContains: 'unique' }],
  },
  {
    name: 'every problem is listed at once',
    definition: {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'Ghost' },
        B: pass,
        C: { Type: 'Choice', End: true, Choices: [{ Variable: '$.v', IsNull: true, Next: 'B' }] },
      },
    },
    problems: [{ path: 'States.A.Next' }, { path: 'States.C.End' }, { path: 'States.B' }, { path: 'States.C' }],
  },
  {
    name: 'JSONata: InputPath in a JSONata state',
    definition: { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { ...pass, InputPath: '$.a' } } },
    problems: [{ path: 'States.A.InputPath', messageContains: 'JSONPath field' }],
  },
  {
    name: 'JSONata: Parameters and ResultPath in a JSONata state',
    definition: {
      StartAt: 'A',
      States: { A: { ...pass, QueryLanguage: 'JSONata', Parameters: { a: 1 }, ResultPath: '$.r' } },
    },
    problems: [{ path: 'States.A.Parameters' }, { path: 'States.A.ResultPath' }],
  },
  {
    name: 'JSONata: a catcher with ResultPath',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'baton:flow.fail',
          End: true,
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'A', ResultPath: '$.e' }],
        },
        A: pass,
      },
    },
    problems: [{ path: 'States.T.Catch[0].ResultPath' }],
  },
  {
    name: 'JSONata: Output in a JSONPath state',
    definition: { StartAt: 'A', States: { A: { ...pass, Output: { a: 1 } } } },
    problems: [{ path: 'States.A.Output', messageContains: 'JSONata' }],
  },
  {
    name: 'JSONata: Arguments in a JSONPath state',
    definition: {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'baton:data.transform', Arguments: { expression: '1' }, End: true } },
    },
    problems: [{ path: 'States.T.Arguments' }],
  },
  {
    name: 'JSONata: a Choice rule with Variable instead of Condition',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.v', IsNull: true, Next: 'A' }] }, A: pass },
    },
    problems: [{ path: 'States.C.Choices[0].Condition' }, { path: 'States.C.Choices[0].Variable' }],
  },
  {
    name: 'JSONata: an expression that does not compile',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { ...pass, Output: { x: '{% $states.input.( %}' } } },
    },
    problems: [{ path: 'States.A.Output.x', messageContains: 'invalid JSONata' }],
  },
  {
    name: 'JSONata: an unknown QueryLanguage',
    definition: { QueryLanguage: 'XPath', StartAt: 'A', States: { A: pass } },
    problems: [{ path: 'QueryLanguage' }],
  },
];
