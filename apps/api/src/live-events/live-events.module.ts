import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ExecutionScopes } from './execution-scopes.service';
import { ExecutionStreamController } from './execution-stream.controller';
import { LiveEventAccess } from './live-event-access.service';
import { LiveEventHistory } from './live-event-history.service';
import { LiveEventPublisher } from './live-event.publisher';
import { LiveEventSubscriptions } from './live-event-subscriptions.service';
import { LiveEventsGateway } from './live-events.gateway';
import { createLiveEventsTransport, LIVE_EVENTS_TRANSPORT, type LiveEventsTransport } from './live-events.transport';
import { StreamTokens } from './stream-tokens.service';
import { WorkerEventServer } from './worker-event-server.service';

/**
 * Live execution events: the publisher the engine's event sink calls (every role), and in API
 * roles the socket.io gateway and the SSE endpoint. Global so engine-wiring can reach the publisher.
 */
@Global()
@Module({})
export class LiveEventsModule implements OnApplicationShutdown {
  constructor(
    @Inject(LIVE_EVENTS_TRANSPORT) private readonly transport: LiveEventsTransport,
    private readonly publisher: LiveEventPublisher,
  ) {}

  static forRole(options: { servesApi: boolean }): DynamicModule {
    return {
      module: LiveEventsModule,
      imports: options.servesApi ? [AuthModule, WorkflowsModule] : [],
      controllers: options.servesApi ? [ExecutionStreamController] : [],
      providers: [
        {
          provide: LIVE_EVENTS_TRANSPORT,
          inject: [BATON_RUNTIME],
          useFactory: (runtime: BatonRuntime) => createLiveEventsTransport(runtime),
        },
        LiveEventPublisher,
        ExecutionScopes,
        ...(options.servesApi
          ? [LiveEventSubscriptions, LiveEventHistory, LiveEventAccess, LiveEventsGateway, StreamTokens]
          : [WorkerEventServer]),
      ],
      exports: [LiveEventPublisher, ExecutionScopes],
    };
  }

  // Shutdown hooks run after Nest closed the socket.io servers (and with them the adapters).
  async onApplicationShutdown(): Promise<void> {
    // A publish on a closed Redis client would reject unhandled and crash the exiting process.
    this.publisher.stop();
    await this.transport.close();
  }
}
