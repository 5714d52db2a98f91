import { BadRequestException, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ExecutionStore, isTerminalStatus } from '@baton/engine';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import { MinRole } from '../auth/decorators/min-role.decorator';
import { Public } from '../auth/decorators/public.decorator';
import type { Principal } from '../auth/principal';
import { type CredentialHeaders, PrincipalResolver } from '../auth/principal-resolver.service';
import { isTerminalEvent, type LiveEvent } from './live-event';
import { LiveEventAccess } from './live-event-access.service';
import { LiveEventHistory } from './live-event-history.service';
import { roomOf } from './live-event-rooms';
import { LiveEventSubscriber } from './live-event-subscriber';
import { LiveEventSubscriptions } from './live-event-subscriptions.service';
import { SSE_HEARTBEAT_FRAME, SSE_RETRY_FRAME, sseEventFrame } from './sse-frames';
import { StreamQueryDto } from './stream-query.dto';
import { StreamTokenDto } from './stream-token.dto';
import { StreamTokens } from './stream-tokens.service';

const HEARTBEAT_MS = 15_000;

/** The slice of Node's ServerResponse a stream uses (keeps @types/express out of the build). */
interface StreamResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders(): void;
  write(chunk: string): boolean;
  end(): void;
  readonly writableEnded: boolean;
  on(event: 'close', listener: () => void): unknown;
}

@ApiTags('executions')
@AuthenticatedApi()
@Controller()
export class ExecutionStreamController {
  constructor(
    private readonly access: LiveEventAccess,
    private readonly history: LiveEventHistory,
    private readonly subscriptions: LiveEventSubscriptions,
    private readonly store: ExecutionStore,
    private readonly principals: PrincipalResolver,
    private readonly streamTokens: StreamTokens,
  ) {}

  @Post('executions/:id/stream-token')
  @HttpCode(201)
  // Reading the stream is a viewer's right; the token carries no more than that.
  @MinRole('viewer')
  @ApiOperation({
    summary: "A short-lived token that opens this execution's event stream (for a browser EventSource)",
    description:
      'The token is valid for 2 minutes, only for GET /api/executions/{id}/stream?token=... of this execution, and ' +
      'is not a sign-in token. The caller must be able to read the execution (same workspace).',
  })
  @ApiOkResponse({ type: StreamTokenDto })
  @ApiNotFoundResponse()
  async streamToken(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<StreamTokenDto> {
    await this.access.execution(principal.workspaceId, id);
    const issued = this.streamTokens.issue({
      executionId: id,
      workspaceId: principal.workspaceId,
      userId: principal.userId,
    });
    return { ...issued, streamUrl: `/api/executions/${id}/stream?token=${encodeURIComponent(issued.token)}` };
  }

  @Get('executions/:id/stream')
  // Credentials are checked here, not by the guard: a header (bearer token or API key) or `?token=`.
  @Public()
  @ApiOperation({
    summary: "The execution's events as Server-Sent Events",
    description:
      'Stored events after the starting point, then live ones, in sequence order without gaps or duplicates; each message has ' +
      '`id:` = sequence and `data:` = the event as JSON (same shape as the socket.io `execution.event`). Comment lines are ' +
      'heartbeats. The stream ends after the `completed`, `failed` or `cancelled` event.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this sequence number (sent by EventSource on reconnect)',
  })
  @ApiOkResponse({ description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'Malformed id, afterSequence or Last-Event-ID' })
  @ApiNotFoundResponse()
  async stream(
    @Headers() headers: CredentialHeaders,
    @UuidParam('id') id: string,
    @Query() query: StreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: StreamResponse,
  ): Promise<void> {
    const workspaceId =
      query.token !== undefined
        ? this.streamTokens.verify(query.token, id).workspaceId
        : (await this.principals.resolve(headers)).workspaceId;
    const after = lastEventId !== undefined ? parseLastEventId(lastEventId) : (query.afterSequence ?? 0);
    const scope = await this.access.execution(workspaceId, id);

    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx buffers proxied responses unless told not to; events would arrive in batches.
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    response.write(SSE_RETRY_FRAME);

    const heartbeat = setInterval(() => response.write(SSE_HEARTBEAT_FRAME), HEARTBEAT_MS);
    const finish = () => {
      clearInterval(heartbeat);
      this.subscriptions.remove(subscriber);
      if (!response.writableEnded) response.end();
    };
    const subscriber = new LiveEventSubscriber(workspaceId, this.history, (event: LiveEvent) => {
      if (response.writableEnded) return;
      response.write(sseEventFrame(event));
      if (isTerminalEvent(event)) finish();
    });
    response.on('close', finish);
    this.subscriptions.join(subscriber, roomOf(workspaceId, { kind: 'execution', executionId: id }));

    try {
      const position = await subscriber.follow(scope, after);
      if (response.writableEnded) return;
      // Already over and the client has seen the end (it resumed after the terminal event), or
      // it ended between the replay and now: read once more so the terminal event is sent.
      const snapshot = await this.store.findExecution(id);
      if (snapshot && isTerminalStatus(snapshot.execution.status)) {
        await subscriber.follow(scope, position);
        finish();
      }
    } catch {
      finish();
    }
  }
}

function parseLastEventId(value: string): number {
  const parsed = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: ['Last-Event-ID must be an integer >= 0'],
    });
  }
  return parsed;
}
