import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/decorators/public.decorator';
import type { RawBodyRequest } from './capture-webhook-raw-body';
import { WebhookService } from './webhook.service';

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
