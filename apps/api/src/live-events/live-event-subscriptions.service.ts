import { Injectable } from '@nestjs/common';
import type { LiveEvent } from './live-event';
import { roomsOf } from './live-event-rooms';
import type { LiveEventSubscriber } from './live-event-subscriber';

/**
 * This process's subscribers indexed by room. Every API process receives every event (from its
 * own engine, or from other processes through the socket.io adapter) and routes it here.
 */
@Injectable()
export class LiveEventSubscriptions {
  private readonly members = new Map<string, Set<LiveEventSubscriber>>();

  join(subscriber: LiveEventSubscriber, room: string): void {
    subscriber.rooms.add(room);
    let set = this.members.get(room);
    if (!set) this.members.set(room, (set = new Set()));
    set.add(subscriber);
  }

  leave(subscriber: LiveEventSubscriber, room: string): void {
    subscriber.rooms.delete(room);
    const set = this.members.get(room);
    set?.delete(subscriber);
    if (set?.size === 0) this.members.delete(room);
  }

  remove(subscriber: LiveEventSubscriber): void {
    for (const room of [...subscriber.rooms]) this.leave(subscriber, room);
  }

  dispatch(event: LiveEvent): void {
    const reached = new Set<LiveEventSubscriber>();
    for (const room of roomsOf(event)) {
      for (const subscriber of this.members.get(room) ?? []) reached.add(subscriber);
    }
    for (const subscriber of reached) subscriber.offer(event);
  }
}
