import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';

/** What is read of a socket.io server (@nestjs/platform-socket.io brings its own copy of socket.io's types). */
interface CountableServer {
  of(namespace: string): { sockets: { size: number } };
}

/**
 * Nest's socket.io adapter, unchanged except that it remembers the servers it creates so
 * `baton_socket_clients` can count their connected (authenticated) sockets at scrape time.
 */
export class ObservedIoAdapter extends IoAdapter {
  private readonly servers: CountableServer[] = [];

  constructor(app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(...args: Parameters<IoAdapter['createIOServer']>): ReturnType<IoAdapter['createIOServer']> {
    const server = super.createIOServer(...args);
    this.servers.push(server);
    return server;
  }

  /** Sockets past the connection middleware (which refuses unauthenticated ones) on all servers. */
  connectedClients(): number {
    return this.servers.reduce((sum, server) => sum + server.of('/').sockets.size, 0);
  }
}
