import { Inject, Injectable } from '@nestjs/common';
import { TriggerRepository, WorkflowRepository, type PublicTrigger } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/domain.error';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { formConfigOf, triggerModeOf } from '../trigger-config';
import { TriggerClock } from '../trigger-clock';
import { TriggerStarter } from '../trigger-starter.service';
import { FormJobStatusService } from './form-job-status.service';
import { renderFormPage, renderThankYouPage, renderUnavailablePage } from './render-form-page';
import { type FormJobView, renderJobStatusPage } from './render-status-page';
import { validateFormSubmission } from './validate-form-submission';

const RATE_WINDOW_MS = 60_000;

/** An HTML answer: status, page and optional headers. */
export interface FormReply {
  status: number;
  html: string;
  headers?: Record<string, string>;
}

/** Public forms: show the page, and turn a valid submission into an execution. */
@Injectable()
export class FormService {
  constructor(
    private readonly triggers: TriggerRepository,
    private readonly workflows: WorkflowRepository,
    private readonly starter: TriggerStarter,
    private readonly clock: TriggerClock,
    private readonly jobs: FormJobStatusService,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async show(token: string): Promise<FormReply> {
    const found = await this.usable(token);
    if ('status' in found) return found;
    const form = formConfigOf(found.trigger);
    return {
      status: 200,
      html: renderFormPage({ title: await this.titleOf(found), action: actionOf(token), fields: form.fields }),
    };
  }

  /** Invalid: the form again with every field's error, nothing started. Valid: one execution and the thank-you page. */
  async submit(token: string, body: Record<string, unknown>): Promise<FormReply> {
    const found = await this.usable(token);
    if ('status' in found) return found;
    const { trigger } = found;
    const form = formConfigOf(trigger);
    const title = await this.titleOf(found);
    const now = this.clock.now();
    const rate = await this.triggers.consumeRate(
      trigger.id,
      now,
      RATE_WINDOW_MS,
      this.config.triggers.webhookRateLimitPerMinute,
    );
    if (!rate.allowed) {
      const retryAfter = Math.max(1, Math.ceil(rate.retryAfterMs / 1000));
      return {
        status: 429,
        html: renderUnavailablePage(`Too many submissions; please try again in ${retryAfter} seconds.`),
        headers: { 'retry-after': String(retryAfter) },
      };
    }
    const result = validateFormSubmission(form.fields, body);
    if (Object.keys(result.errors).length) {
      return {
        status: 422,
        html: renderFormPage({
          title,
          action: actionOf(token),
          fields: form.fields,
          values: result.submitted,
          errors: result.errors,
        }),
      };
    }
    const executionId = randomUUID();
    const runId = await this.triggers.recordEventRun(trigger, executionId, now);
    try {
      await this.starter.start({
        workspaceId: trigger.workspaceId,
        workflowId: trigger.workflowId,
        executionId,
        trigger: 'form',
        input: { fields: result.values, submittedAt: now.toISOString() },
        mode: triggerModeOf(trigger),
      });
    } catch (error) {
      await this.triggers.markRunFailed(runId, error instanceof Error ? error.message : String(error));
      if (error instanceof DomainError && error.code === 'CREDIT_LIMIT_REACHED')
        return { status: 402, html: renderUnavailablePage('This form is not accepting submissions at the moment.') };
      return {
        status: 503,
        html: renderUnavailablePage('Your submission could not be processed. Please try again later.'),
      };
    }
    await this.triggers.markRunStarted(runId);
    if (form.response === 'status-page') {
      // The execution id stays out of this answer: the job token is all the submitter holds.
      const jobToken = this.jobs.issue(found, executionId);
      const view = (await this.jobs.view(found, jobToken, '')) ?? queuedNow(now);
      return { status: 200, html: renderJobStatusPage(title, view, jobUrlsOf(token, jobToken)), headers: JOB_HEADERS };
    }
    return {
      status: 200,
      html: renderThankYouPage(title, form.thankYou),
      headers: { 'x-baton-execution-id': executionId },
    };
  }

  /** The job status page of a submission (found also after the form was disabled); 404 page otherwise. */
  async showJob(token: string, jobToken: string): Promise<FormReply> {
    const found = await this.triggers.findByToken('form', token);
    const view = found ? await this.jobs.view(found, jobToken, '') : null;
    if (!found || !view)
      return { status: 404, html: renderUnavailablePage('This page does not exist. Check the link you were given.') };
    return {
      status: 200,
      html: renderJobStatusPage(await this.titleOf(found), view, jobUrlsOf(token, jobToken)),
      headers: JOB_HEADERS,
    };
  }

  /** The same as JSON; NOT_FOUND for an unknown form or a token it did not issue (nothing else is told apart). */
  async jobStatus(token: string, jobToken: string, origin: string): Promise<FormJobView> {
    const found = await this.triggers.findByToken('form', token);
    const view = found ? await this.jobs.view(found, jobToken, origin) : null;
    if (!view) throw new DomainError('NOT_FOUND', 'This form has no job with this token');
    return view;
  }

  private async usable(token: string): Promise<PublicTrigger | FormReply> {
    const found = await this.triggers.findByToken('form', token);
    if (!found)
      return { status: 404, html: renderUnavailablePage('This form does not exist. Check the link you were given.') };
    if (!found.trigger.enabled || found.workflowStatus !== 'active') {
      return { status: 409, html: renderUnavailablePage('This form is not accepting submissions at the moment.') };
    }
    return found;
  }

  private async titleOf(found: PublicTrigger): Promise<string> {
    const title = formConfigOf(found.trigger).title;
    if (title) return title;
    const workflow = await this.workflows.findInWorkspace(found.trigger.workspaceId, found.trigger.workflowId);
    return workflow?.name ?? 'Form';
  }
}

// The status changes and its links are signed anew: never cached. The URL holds the job token: never sent on.
export const JOB_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

const actionOf = (token: string) => `/api/forms/${encodeURIComponent(token)}`;
const jobUrlsOf = (token: string, jobToken: string) => {
  const status = `${actionOf(token)}/jobs/${encodeURIComponent(jobToken)}`;
  return { status, page: `${status}/page` };
};
// A run another process started may not be readable yet; it has at least been submitted.
const queuedNow = (now: Date): FormJobView => ({
  status: 'queued',
  submittedAt: now.toISOString(),
  startedAt: null,
  endedAt: null,
  links: [],
});
