import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { stateNames } from './asl-document-tree';

const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
// Fields of states, Retry/Catch entries and choice rules (Amazon States Language spec).
const FIELD_NAMES = [
  'Type',
  'Next',
  'End',
  'Comment',
  'StartAt',
  'States',
  'TimeoutSeconds',
  'Version',
  'QueryLanguage',
  'InputPath',
  'OutputPath',
  'ResultPath',
  'Parameters',
  'ResultSelector',
  'Result',
  'Arguments',
  'Output',
  'Assign',
  'Resource',
  'HeartbeatSeconds',
  'Retry',
  'Catch',
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Choices',
  'Default',
  'Condition',
  'Variable',
  'And',
  'Or',
  'Not',
  'StringEquals',
  'StringMatches',
  'NumericEquals',
  'NumericLessThan',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'NumericLessThanEquals',
  'BooleanEquals',
  'IsPresent',
  'IsNull',
  'TimestampEquals',
  'Seconds',
  'SecondsPath',
  'Timestamp',
  'TimestampPath',
  'Error',
  'Cause',
  'ErrorPath',
  'CausePath',
  'Branches',
  'ItemProcessor',
  'ProcessorConfig',
  'ItemsPath',
  'Items',
  'ItemSelector',
  'MaxConcurrency',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
  'Iterator',
];
// Intrinsic functions usable in `.$` fields and JSONata `{% %}` expressions' JSONPath cousins.
const INTRINSICS = [
  'States.Format',
  'States.StringToJson',
  'States.JsonToString',
  'States.Array',
  'States.ArrayLength',
  'States.ArrayContains',
  'States.ArrayRange',
  'States.ArrayGetItem',
  'States.ArrayUnique',
  'States.ArrayPartition',
  'States.MathAdd',
  'States.MathRandom',
  'States.StringSplit',
  'States.UUID',
  'States.Hash',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.JsonMerge',
];

/**
 * Completion inside an ASL document: state names after `Next`, `Default` and `StartAt`, the
 * state types after `Type`, field names where a key is being typed, intrinsic functions in a
 * `.$` value. Read from the text before the caret on its line, which works while the document
 * is still half-typed and does not parse.
 */
export function aslCompletion(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);

  const target = /"(Next|Default|StartAt)"\s*:\s*"([^"]*)$/.exec(before);
  if (target) return stringValues(context, target[2], stateNames(context.state), 'state');
  const type = /"Type"\s*:\s*"([^"]*)$/.exec(before);
  if (type) return stringValues(context, type[1], STATE_TYPES, 'type');
  const intrinsic = /"[^"]*\.\$"\s*:\s*"([^"]*)$/.exec(before);
  if (intrinsic && /^States\.?\w*$/.test(intrinsic[1])) {
    return stringValues(context, intrinsic[1], INTRINSICS, 'function');
  }
  const key = /(?:^|[{,])\s*"([A-Za-z]*)$/.exec(before);
  if (key) return stringValues(context, key[1], FIELD_NAMES, 'property');
  return null;
}

function stringValues(context: CompletionContext, typed: string, labels: string[], type: string): CompletionResult {
  const options: Completion[] = labels.map((label) => ({ label, type }));
  return { from: context.pos - typed.length, options, validFor: /^[\w.$-]*$/ };
}
