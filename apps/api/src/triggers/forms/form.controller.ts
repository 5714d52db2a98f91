import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
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
import { FormService, type FormReply } from './form.service';

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

  @Post(':token')
  @ApiOperation({ summary: 'Submit the public form (application/x-www-form-urlencoded)', security: [] })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'Valid: the thank-you page (an execution started)',
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
  // The page runs no script and posts only to itself.
  response.setHeader(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  );
  for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
  response.status(reply.status).send(reply.html);
}
