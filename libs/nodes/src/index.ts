export { createDefaultNodeRegistry } from './create-default-node-registry.js';
export { defaultNodeTypes } from './default-node-types.js';
export { manualTriggerNode } from './trigger/manual.node.js';
export { httpRequestNode, type HttpResponseOutput } from './http/request.node.js';
export { HttpStatusError } from './http/http-status.error.js';
export { transformNode } from './data/transform.node.js';
export { setNode } from './data/set.node.js';
export { conditionNode } from './flow/condition.node.js';
export { switchNode } from './flow/switch.node.js';
export { subworkflowNode } from './flow/subworkflow.node.js';
export { approvalNode } from './flow/approval.node.js';
export { loopNode } from './flow/loop.node.js';
export { mergeNode } from './flow/merge.node.js';
export { delayNode } from './flow/delay.node.js';
export { failNode } from './flow/fail.node.js';
export { logNode } from './util/log.node.js';
export { emailSendNode, MAX_EMAIL_ATTACHMENT_BYTES } from './email/send.node.js';
export { createGuardedHostResolver, defaultGuardedHostResolver } from './net/create-guarded-host-resolver.js';
export { credentialIdSetting, readCredential } from './credentials/read-credential.js';
export { htmlExtractNode } from './html/extract.node.js';
export { htmlTextNode } from './html/text.node.js';
export { templateHtmlNode } from './template/html.node.js';
export { templateTextNode } from './template/text.node.js';
export { codeRunNode, CODE_RUN_LIMITS } from './code/run.node.js';
export { aiExtractNode } from './ai/extract.node.js';
export { aiGenerateNode } from './ai/generate.node.js';
export { BrowserSessions, type BrowserSessionsOptions, MAX_PAGES_PER_EXECUTION } from './browser/browser-sessions.js';
export { type PageHandle } from './browser/page-handle.js';
export { MAX_SCREENSHOT_BYTES } from './browser/screenshot.node.js';
export { webhookSendNode } from './webhook/send.node.js';
export { smsSendNode } from './sms/send.node.js';
export {
  mapSeedWorkflow,
  type SeedMappingContext,
  type SeedWorkflowDocument,
  type SeedWorkflowImport,
} from './seed/map-seed-workflow.js';
export { SEED_NODE_ALIASES, type SeedNodeAlias } from './seed/seed-node-aliases.js';
