// Public API of the execution core. Framework-free: no NestJS, TypeORM, BullMQ, ioredis, socket.io.

export * from './definition/graph-definition.js';
export * from './definition/validation-problem.js';
export { validateGraphShape } from './definition/validate-graph-shape.js';
export { validateGraphDefinition, type GraphValidationOptions } from './definition/validate-graph-definition.js';
export { DEFAULT_MAX_NODES } from './definition/workspace-limits.js';
export { planPhases } from './definition/plan-phases.js';
export {
  analyzeComplexity,
  type ComplexityReport,
  IMMEDIATE_MAX_DURATION_MS,
  IMMEDIATE_MAX_NODES,
} from './definition/analyze-complexity.js';
export {
  indexGraph,
  type GraphIndex,
  LOOP_DONE_HANDLE,
  LOOP_ITEM_HANDLE,
  LOOP_NEXT_HANDLE,
} from './definition/index-graph.js';

export * from './errors/engine.error.js';
export { classifyError } from './errors/classify-error.js';
export { serializeError, type SerializedError } from './errors/serialize-error.js';

export {
  configureExpressionLimits,
  evaluateExpression,
  findExpressionSyntaxError,
} from './expressions/evaluate-expression.js';
export { DEFAULT_EXPRESSION_LIMITS, type ExpressionLimits } from './expressions/expression-limits.js';
export { resolveSettings } from './expressions/resolve-settings.js';

export * from './execution/execution-record.js';
export { deepFreeze, frozenCopy } from './execution/deep-freeze.js';
export { BoundedCache } from './runtime/bounded-cache.js';
export { canMoveForward, isStepOpen, isStepSettled, isTerminalStatus } from './execution/execution-status.js';
export * from './execution/retry-policy.js';
export { iterationScope, nodeIdOf, scopeOf } from './execution/step-id.js';

export * from './artifacts/index.js';
export * from './nodes/node-type.js';
export { NodeRegistry } from './nodes/node-registry.js';
export { handleTypesConnect } from './nodes/handle-types-connect.js';

export * from './ports/clock.port.js';
export * from './ports/event-sink.port.js';
export * from './ports/execution-store.port.js';
export * from './ports/id-generator.port.js';
export * from './ports/step-scheduler.port.js';
export * from './ports/execution-tracer.port.js';
export * from './ports/task-token-store.port.js';

export { DEADLINE_STEP_ID, WorkflowEngine, type WorkflowEngineDeps } from './engine/workflow-engine.js';
export { creditCostOf, withAttemptUsage } from './engine/attempt-usage.js';
export type { StartExecutionRequest, StartExecutionResult } from './engine/start-execution-request.js';
export type {
  AdvancePlan,
  FailureContext,
  FailureDecision,
  PlannedJob,
  PreparedStep,
  WorkflowInterpreter,
} from './engine/workflow-interpreter.js';
export { GraphInterpreter } from './graph/graph-interpreter.js';
export { InProcessStepScheduler, type StepRunner } from './scheduling/in-process-step-scheduler.js';
export { SystemClock } from './runtime/system-clock.js';
export { RandomIdGenerator } from './runtime/random-id-generator.js';

export { FakeClock } from './testing/fake-clock.js';
export { InMemoryExecutionStore } from './execution/in-memory-execution-store.js';
export { RecordingEventSink } from './testing/recording-event-sink.js';
export { SequentialIdGenerator } from './testing/sequential-id-generator.js';
export { createTestEngine, type TestEngine, type TestEngineOptions } from './testing/create-test-engine.js';
export { buildGraph, type NodeSpec } from './testing/build-graph.js';
export { createNodeTestContext, runNodeForTest, type NodeTestRun } from './testing/run-node-for-test.js';
export { gatedNodeType, testNodeType } from './testing/test-node-types.js';

export { AslInterpreter } from './asl/asl-interpreter.js';
export { validateAslDefinition } from './asl/validation/validate-asl-definition.js';
export { AslError, STATES } from './asl/definition/asl.error.js';
export type { AslStateMachine, AslState } from './asl/definition/asl-definition.js';
export type { AslConformanceCase, AslValidationCase, TokenAnswer } from './asl/conformance/asl-conformance-case.js';
export { withChildWorkflows } from './asl/conformance/asl-conformance-case.js';
export { InMemoryChildWorkflows } from './testing/in-memory-child-workflows.js';
export { loopbackTestFetch } from './testing/loopback-test-fetch.js';
export { ASL_CONFORMANCE_CASES } from './asl/conformance/cases/index.js';
export { validationCases as ASL_VALIDATION_CASES } from './asl/conformance/cases/validation-cases.js';
export { startConformanceStubServer, withStubUrl } from './asl/conformance/conformance-stub-server.js';
export { EXTERNAL_TIMER_PREFIX, type ExternalOutcome, type ExternalStepRef } from './engine/external-wait.js';
export * from './ports/child-workflow-source.port.js';
export {
  CHILD_EXECUTIONS_SERVICE,
  ChildExecutions,
  childExecutionIdOf,
  childExecutionsOf,
  type ChildExecutionEngine,
  type ChildStart,
  type StartChildRequest,
} from './engine/child-executions.js';
export { childResultOf, executionArnOf, type ChildResult } from './engine/child-result.js';
export {
  APPROVAL_ACTIVITY,
  APPROVALS_SERVICE,
  ApprovalRequests,
  type ApprovalDecision,
  type ApprovalTokenRef,
  type OpenedApproval,
} from './engine/approval-requests.js';
export { HandledAnswer } from './engine/external-wait.js';
export { hashTaskToken } from './asl/runtime/task-token.js';
export type { AslRuntimeOptions } from './asl/runtime/run-state-attempt.js';
export { InMemoryTaskTokenStore } from './testing/in-memory-task-token-store.js';
export {
  buildExecutionHistory,
  type ExecutionHistory,
  type HistoryEvent,
} from './asl/history/build-execution-history.js';
export {
  buildStateDiagram,
  type DiagramEdge,
  type DiagramNode,
  type StateDiagram,
} from './asl/history/build-state-diagram.js';

export {
  DEFAULT_OUTBOUND_HTTP_POLICY,
  DestinationRules,
  parseAllowHosts,
  type OutboundHttpPolicy,
} from './http/outbound-http-policy.js';
export { createGuardedFetch, HttpDestinationBlockedError } from './http/create-guarded-fetch.js';
export { defaultOutboundFetch } from './http/default-outbound-fetch.js';
export { formatWebhookSignature, signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from './webhooks/webhook-signature.js';
export {
  boundedConcurrency,
  configureFanOutLimits,
  DEFAULT_FAN_OUT_LIMITS,
  fanOutLimits,
  type FanOutLimits,
} from './execution/fan-out-limits.js';
