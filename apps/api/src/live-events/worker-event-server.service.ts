import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Server } from 'socket.io';
import { LiveEventPublisher } from './live-event.publisher';

/**
 * A worker-only process serves no sockets but must still publish: a socket.io server attached
 * to no HTTP server, joined to the cluster through the adapter. Built in the constructor so it
 * exists before any worker or recovery code can publish.
 */
@Injectable()
export class WorkerEventServer implements OnApplicationShutdown {
  private readonly server = new Server();

  constructor(publisher: LiveEventPublisher) {
    publisher.useServer(this.server);
  }

  async onApplicationShutdown(): Promise<void> {
    // Server.close() assumes an attached engine; a headless server only has its adapter to close.
    await this.server.of('/').adapter.close();
  }
}
