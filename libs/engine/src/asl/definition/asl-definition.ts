/** Amazon States Language documents as Baton reads them (JSONPath query language). */
export interface AslStateMachine {
  Comment?: string;
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  Version?: string;
  QueryLanguage?: 'JSONPath' | 'JSONata';
  /** AWS's workflow type: Baton runs `EXPRESS` with express durability, `STANDARD` with standard. */
  Type?: 'STANDARD' | 'EXPRESS';
}

export type AslStateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface AslRetrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface AslCatcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  // JSONata
  Output?: unknown;
  Assign?: unknown;
}

/** Every field any state type may carry; each state type reads the ones the spec gives it. */
export interface AslState {
  Type: AslStateType;
  Comment?: string;
  QueryLanguage?: 'JSONPath' | 'JSONata';
  // JSONata query language (also Assign in JSONPath states)
  Arguments?: unknown;
  Output?: unknown;
  Assign?: unknown;
  Items?: unknown;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  Result?: unknown;
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
  // Task
  Resource?: string;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  // Choice
  Choices?: AslChoiceRule[];
  Default?: string;
  // Wait
  Seconds?: number | string;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
  // Fail
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  // Parallel
  Branches?: AslSubMachine[];
  // Map
  ItemProcessor?: AslSubMachine;
  Iterator?: AslSubMachine;
  ItemsPath?: string;
  ItemSelector?: unknown;
  MaxConcurrency?: number;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number;
  ToleratedFailurePercentagePath?: string;
}

export interface AslSubMachine {
  QueryLanguage?: 'JSONPath' | 'JSONata';
  StartAt: string;
  States: Record<string, AslState>;
  ProcessorConfig?: { Mode?: string; ExecutionType?: string };
}

/** A Choice rule: a comparison on `Variable`, or And / Or / Not, or (JSONata) a `Condition`; top-level rules carry `Next`. */
export type AslChoiceRule = Record<string, unknown> & {
  Next?: string;
  Variable?: string;
  Condition?: unknown;
  Output?: unknown;
  Assign?: unknown;
  And?: AslChoiceRule[];
  Or?: AslChoiceRule[];
  Not?: AslChoiceRule;
};

/** The sub-machine a Map state runs per item (`ItemProcessor`, or the legacy `Iterator`). */
export function mapProcessorOf(state: AslState): AslSubMachine | undefined {
  return state.ItemProcessor ?? state.Iterator;
}
