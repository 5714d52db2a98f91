import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { LiveEventsTransport } from './live-events.transport';

/**
 * Tier 3: Redis pub/sub between processes. The channel key carries the queue prefix so
 * installations (and parallel test runs) sharing one Redis never hear each other's events.
 */
export function createRedisAdapter(
  redisUrl: string,
  prefix: string,
  onError: (error: Error) => void,
): LiveEventsTransport {
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const subscriber = publisher.duplicate();
  publisher.on('error', onError);
  subscriber.on('error', onError);
  return {
    kind: 'redis',
    adapter: createAdapter(publisher, subscriber, { key: `${prefix}:live` }),
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
