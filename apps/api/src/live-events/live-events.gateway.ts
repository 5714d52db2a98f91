import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import { PrincipalResolver } from '../auth/principal-resolver.service';
import { DomainError } from '../common/domain.error';
import type { BatonConfig } from '../config/baton-config';
import { BATON_CONFIG } from '../config/baton-config.token';
import { LIVE_EVENT, type LiveEvent } from './live-event';
import { LiveEventAccess } from './live-event-access.service';
import { LiveEventHistory } from './live-event-history.service';
import { LiveEventPublisher } from './live-event.publisher';
import { roomOf, roomsOf } from './live-event-rooms';
import { LiveEventSubscriber } from './live-event-subscriber';
import { LiveEventSubscriptions } from './live-event-subscriptions.service';
import { parseSubscriptionRequest } from './parse-subscription-request';
import { socketCredentials } from './socket-credentials';

/** Sent before the server disconnects a socket whose credentials stopped being valid. */
export const SESSION_ENDED = 'session.ended';

/** The answer to `subscribe` / `unsubscribe` (socket.io acknowledgement). */
export type SubscriptionAck =
  { ok: true; room: string; replayed?: number } | { ok: false; error: string; message: string };

interface SocketData {
  principal: Principal;
  subscriber: LiveEventSubscriber;
  /** Rooms whose events the client also wants under their own names (`named: true`). */
  named: Set<string>;
}

/**
 * socket.io at /socket.io: authenticated on connect (handshake `auth.token`), then clients
 * `subscribe` to an execution, a workflow or their workspace and receive `execution.event`
 * (and, asked for with `named: true`, the same payload under the event's own name).
 * Protocol in README "Live events".
 */
@WebSocketGateway()
export class LiveEventsGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('LiveEvents');
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly access: LiveEventAccess,
    private readonly history: LiveEventHistory,
    private readonly subscriptions: LiveEventSubscriptions,
    private readonly publisher: LiveEventPublisher,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  afterInit(server: Server): void {
    this.publisher.useServer(server);
    // A socket outlives the check made when it connected: a removed member, a revoked key or an
    // expired token must stop receiving events. Each process re-checks its own sockets.
    this.recheckTimer = setInterval(
      () => void this.recheckAll(server),
      this.config.socketRecheckSeconds * 1000,
    ).unref();
    // Runs before the connection is accepted: an unauthenticated client gets `connect_error`
    // with this message and `data.code`, and never reaches a handler.
    server.use((socket, next) => {
      this.principals.resolve(socketCredentials(socket.handshake.auth, socket.handshake.headers)).then(
        (principal) => {
          const named = new Set<string>();
          // Handshake `auth.named: true` names every subscription's events (seed 003's clients
          // subscribe with a bare execution id and listen for `step_completed`).
          const namesAll = (socket.handshake.auth as Record<string, unknown> | undefined)?.named === true;
          const subscriber = new LiveEventSubscriber(principal.workspaceId, this.history, (event: LiveEvent) => {
            socket.emit(LIVE_EVENT, event);
            if (namesAll || roomsOf(event).some((room) => named.has(room))) socket.emit(event.type, event);
          });
          Object.assign(socket.data, { principal, subscriber, named } satisfies SocketData);
          next();
        },
        (error: unknown) => next(connectError(error, this.logger)),
      );
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.recheckTimer);
  }

  handleDisconnect(socket: Socket): void {
    const data = socket.data as Partial<SocketData>;
    if (data.subscriber) this.subscriptions.remove(data.subscriber);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<SubscriptionAck> {
    const { subscriber, named } = socket.data as SocketData;
    const principal = await this.recheck(socket);
    if (!principal) return { ok: false, error: 'UNAUTHENTICATED', message: 'Your access has ended; sign in again' };
    try {
      const request = parseSubscriptionRequest(payload);
      const scope = await this.access.check(principal.workspaceId, request.topic);
      const room = roomOf(principal.workspaceId, request.topic);
      // Join before replaying: live events that arrive during the replay are held by the
      // subscriber's cursor and merged in sequence order, so nothing falls between the two.
      // No await separates join() from follow() creating that cursor, so no event slips past it.
      this.subscriptions.join(subscriber, room);
      if (request.named) named.add(room);
      if (!scope) return { ok: true, room };
      const position = await subscriber.follow(scope, request.afterSequence);
      if (request.afterSequence === undefined) return { ok: true, room };
      return { ok: true, room, replayed: position - request.afterSequence };
    } catch (error) {
      return refusal(error, this.logger);
    }
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): SubscriptionAck {
    const { principal, subscriber, named } = socket.data as SocketData;
    try {
      const { topic } = parseSubscriptionRequest(payload);
      const room = roomOf(principal.workspaceId, topic);
      this.subscriptions.leave(subscriber, room);
      named.delete(room);
      if (topic.kind === 'execution') subscriber.unfollow(topic.executionId);
      return { ok: true, room };
    } catch (error) {
      return refusal(error, this.logger);
    }
  }

  /**
   * Resolves the socket's credentials again; on refusal tells the client why (`session.ended`)
   * and disconnects it. Returns the current principal (its role may have changed) or null.
   */
  private async recheck(socket: Socket): Promise<Principal | null> {
    try {
      const principal = await this.principals.resolve(
        socketCredentials(socket.handshake.auth, socket.handshake.headers),
      );
      (socket.data as SocketData).principal = principal;
      return principal;
    } catch (error) {
      if (!(error instanceof DomainError)) {
        // The database could not answer: keep the socket, the next check decides.
        this.logger.warn(`Could not re-check a socket's credentials: ${String(error)}`);
        return (socket.data as SocketData).principal;
      }
      socket.emit(SESSION_ENDED, { code: error.code, message: error.message } satisfies SessionEnded);
      socket.disconnect(true);
      return null;
    }
  }

  private async recheckAll(server: Server): Promise<void> {
    for (const socket of server.sockets.sockets.values()) await this.recheck(socket);
  }
}

export interface SessionEnded {
  code: string;
  message: string;
}

function connectError(error: unknown, logger: Logger): Error {
  const known = error instanceof DomainError;
  if (!known) logger.error(error instanceof Error ? error.stack : String(error));
  const refused = new Error(known ? error.message : 'Credentials could not be checked; try again') as Error & {
    data?: unknown;
  };
  refused.data = { code: known ? error.code : 'INTERNAL_ERROR' };
  return refused;
}

function refusal(error: unknown, logger: Logger): SubscriptionAck {
  if (error instanceof DomainError) return { ok: false, error: error.code, message: error.message };
  logger.error(error instanceof Error ? error.stack : String(error));
  return { ok: false, error: 'INTERNAL_ERROR', message: 'The subscription could not be set up' };
}
