import { All, Controller, Param, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../../auth/error-response.dto';
import { Public } from '../../auth/decorators/public.decorator';
import type { RawBodyRequest } from './capture-webhook-raw-body';
import { WebhookService } from './webhook.service';
import { ApiCreditLimitResponse } from '../../usage/api-credit-limit-response.decorator';

interface WebhookRequest extends RawBodyRequest {
  method: string;
  query: Record<string, unknown>;
}

/** The slice of Express's response used here (keeps @types/express out of the build). */
interface WebhookResponse {
  status(code: number): WebhookResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}

/** Public webhook URLs: no login; the unguessable token (and, when signed, the HMAC) is the credential. */
@ApiTags('triggers')
@Public()
@Controller('hooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @All(':token')
  @ApiOperation({
    summary: 'Call a webhook trigger (public; optional X-Baton-Signature, Idempotency-Key)',
    security: [],
  })
  @ApiAcceptedResponse({ description: 'async (or sync past its wait): `{ executionId }`' })
  @ApiOkResponse({ description: 'sync: `{ executionId, status, output, error, cause }` once the run ended' })
  @ApiHeader({ name: 'X-Baton-Signature', required: false, description: 'Signed webhooks: `t=<unix>,v1=<hex>`' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeated key answers with the first run' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED: the body holds unstorable text' })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'Signed webhook: signature missing, wrong, outside the tolerance or replayed',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No webhook has this URL' })
  @ApiResponse({ status: 405, type: ErrorResponseDto, description: 'METHOD_NOT_ALLOWED: see the Allow header' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The webhook is disabled or its workflow is not active' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'The body is larger than the webhook limit' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMITED: see Retry-After' })
  @ApiCreditLimitResponse()
  async call(
    @Param('token') token: string,
    @Req() request: WebhookRequest,
    @Res() response: WebhookResponse,
  ): Promise<void> {
    const key = request.headers['idempotency-key'];
    const result = await this.webhooks.handle({
      token,
      method: request.method.toUpperCase(),
      headers: request.headers,
      query: request.query ?? {},
      rawBody: request.rawBody ?? Buffer.alloc(0),
      idempotencyKey: typeof key === 'string' && key.trim() ? key.trim().slice(0, 255) : undefined,
    });
    for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
    response.status(result.status).json(result.body);
  }
}
