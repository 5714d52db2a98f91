import { AslError, STATES } from '../definition/asl.error.js';
import { readPath } from '../data-flow/read-path.js';
import { INTRINSIC_FUNCTIONS } from './intrinsic-functions.js';
import {
  type IntrinsicArg,
  type IntrinsicCall,
  IntrinsicSyntaxError,
  parseIntrinsic,
  unescapeLiteral,
} from './parse-intrinsic.js';

/** Evaluates an intrinsic function call against the effective input and the Context object. */
export function evaluateIntrinsic(source: string, data: unknown, context: unknown): unknown {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(source);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) throw new AslError(STATES.IntrinsicFailure, error.message);
    throw error;
  }
  return evaluateCall(call, data, context, source);
}

function evaluateCall(call: IntrinsicCall, data: unknown, context: unknown, source: string): unknown {
  const fn = INTRINSIC_FUNCTIONS[call.name];
  if (!fn) throw new AslError(STATES.IntrinsicFailure, `Unknown intrinsic function ${call.name}`);
  const args = call.args.map((arg, i) =>
    evaluateArg(arg, data, context, source, call.name === 'States.Format' && i === 0),
  );
  return fn(args);
}

function evaluateArg(arg: IntrinsicArg, data: unknown, context: unknown, source: string, isTemplate: boolean): unknown {
  if (arg.kind === 'call') return evaluateCall(arg, data, context, source);
  if (arg.kind === 'path') return readPath(arg.path, data, context, source);
  // Escapes only mean something to the States.Format template, which reads them itself.
  return typeof arg.value === 'string' && !isTemplate ? unescapeLiteral(arg.value) : arg.value;
}
