import type { AnyNodeType } from '@baton/engine';
import { aiExtractNode } from './ai/extract.node.js';
import { aiGenerateNode } from './ai/generate.node.js';
import { browserClickNode } from './browser/click.node.js';
import { browserCloseNode } from './browser/close.node.js';
import { browserFillNode } from './browser/fill.node.js';
import { browserHtmlNode } from './browser/html.node.js';
import { browserOpenNode } from './browser/open.node.js';
import { browserScreenshotNode } from './browser/screenshot.node.js';
import { browserTextNode } from './browser/text.node.js';
import { browserWaitForNode } from './browser/wait-for.node.js';
import { codeRunNode } from './code/run.node.js';
import { setNode } from './data/set.node.js';
import { transformNode } from './data/transform.node.js';
import { emailSendNode } from './email/send.node.js';
import { htmlExtractNode } from './html/extract.node.js';
import { htmlTextNode } from './html/text.node.js';
import { conditionNode } from './flow/condition.node.js';
import { delayNode } from './flow/delay.node.js';
import { failNode } from './flow/fail.node.js';
import { loopNode } from './flow/loop.node.js';
import { mergeNode } from './flow/merge.node.js';
import { switchNode } from './flow/switch.node.js';
import { subworkflowNode } from './flow/subworkflow.node.js';
import { approvalNode } from './flow/approval.node.js';
import { httpRequestNode } from './http/request.node.js';
import { smsSendNode } from './sms/send.node.js';
import { templateHtmlNode } from './template/html.node.js';
import { templateTextNode } from './template/text.node.js';
import { manualTriggerNode } from './trigger/manual.node.js';
import { webhookSendNode } from './webhook/send.node.js';
import { logNode } from './util/log.node.js';

/** Every core node type. Adding a node type: its file plus one line here. */
export const defaultNodeTypes: AnyNodeType[] = [
  manualTriggerNode,
  httpRequestNode,
  transformNode,
  setNode,
  conditionNode,
  switchNode,
  subworkflowNode,
  approvalNode,
  loopNode,
  mergeNode,
  delayNode,
  failNode,
  logNode,
  emailSendNode,
  htmlExtractNode,
  htmlTextNode,
  templateHtmlNode,
  templateTextNode,
  browserOpenNode,
  browserFillNode,
  browserClickNode,
  browserWaitForNode,
  browserHtmlNode,
  browserTextNode,
  browserScreenshotNode,
  browserCloseNode,
  codeRunNode,
  aiExtractNode,
  aiGenerateNode,
  webhookSendNode,
  smsSendNode,
];
