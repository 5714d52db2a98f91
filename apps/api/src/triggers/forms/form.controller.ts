import { Body, Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

// These routes answer people in a browser: every answer, errors included, is an HTML page.
const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };
import { Public } from '../../auth/decorators/public.decorator';
import { ErrorResponseDto } from '../../auth/error-response.dto';
import { FormJobStatusDto } from '../dto/form-job-status.dto';
import { type OriginRequest, requestOrigin } from '../request-origin';
import { FormService, type FormReply } from './form.service';
import { STATUS_SCRIPT_HASH } from './render-status-page';

/** The slice of Express's response used here (keeps @types/express out of the build). */
interface HtmlResponse {
  status(code: number): HtmlResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/** Public form pages: no login; the unguessable token in the URL is the only key. */
@ApiTags('triggers')
@Public()
@Controller('forms')
export class FormController {
  constructor(private readonly forms: FormService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The public form page', security: [] })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The form page', content: HTML_PAGE })
  @ApiNotFoundResponse({ description: 'No form has this URL', content: HTML_PAGE })
  @ApiConflictResponse({ description: 'The form is disabled or its workflow is not active', content: HTML_PAGE })
  async show(@Param('token') token: string, @Res() response: HtmlResponse): Promise<void> {
    send(response, await this.forms.show(token));
  }

  @Get(':token/jobs/:jobToken')
  @ApiOperation({
    summary: "A submission's job status (forms with response: status-page; no login, the job token is the key)",
    description:
      'Only the status, timestamps and, once completed, signed links to the artifacts the workflow published. An unknown form, a token this form did not issue and a deleted job are all 404.',
    security: [],
  })
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  @ApiOkResponse({ type: FormJobStatusDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such job for this form' })
  jobStatus(
    @Param('token') token: string,
    @Param('jobToken') jobToken: string,
    @Req() request: OriginRequest,
  ): Promise<FormJobStatusDto> {
    return this.forms.jobStatus(token, jobToken, requestOrigin(request));
  }

  @Get(':token/jobs/:jobToken/page')
  @ApiOperation({
    summary: "A submission's job status page (HTML; refreshes itself until the job is done)",
    security: [],
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The status page', content: HTML_PAGE })
  @ApiNotFoundResponse({ description: 'No such job for this form', content: HTML_PAGE })
  async jobPage(
    @Param('token') token: string,
    @Param('jobToken') jobToken: string,
    @Res() response: HtmlResponse,
  ): Promise<void> {
    send(response, await this.forms.showJob(token, jobToken));
  }

  @Post(':token')
  @ApiOperation({ summary: 'Submit the public form (application/x-www-form-urlencoded)', security: [] })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'Valid: the thank-you page, or the job status page with response: status-page (an execution started)',
    content: HTML_PAGE,
  })
  @ApiNotFoundResponse({ description: 'No form has this URL', content: HTML_PAGE })
  @ApiConflictResponse({ description: 'The form is disabled or its workflow is not active', content: HTML_PAGE })
  @ApiPayloadTooLargeResponse({ description: 'The submission is larger than BATON_MAX_BODY_BYTES' })
  @ApiUnprocessableEntityResponse({ description: 'Invalid: the form again with field errors', content: HTML_PAGE })
  @ApiTooManyRequestsResponse({ description: 'Too many submissions; see Retry-After', content: HTML_PAGE })
  @ApiServiceUnavailableResponse({ description: 'The run could not be started; try again', content: HTML_PAGE })
  async submit(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res() response: HtmlResponse,
  ): Promise<void> {
    send(response, await this.forms.submit(token, body ?? {}));
  }
}

function send(response: HtmlResponse, reply: FormReply): void {
  response.setHeader('content-type', 'text/html; charset=utf-8');
  // The pages post only to themselves and run no script but the status page's own (allowed by its
  // hash), which may only fetch the status JSON from this origin.
  response.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; script-src ${STATUS_SCRIPT_HASH}; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  );
  for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
  response.status(reply.status).send(reply.html);
}
