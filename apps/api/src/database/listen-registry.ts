import type { ListenEffect } from './parse-listen-statements';

/**
 * Which client connection listens on which channel. PGlite is one session, so PostgreSQL itself
 * only knows that "the session" listens; this registry remembers who asked, so a notification
 * can be handed to exactly those connections.
 */
export class ListenRegistry {
  private readonly channelsByHandler = new Map<number, Set<string>>();

  apply(handlerId: number, effect: ListenEffect): void {
    const channels = this.channelsByHandler.get(handlerId) ?? new Set<string>();
    if (effect.kind === 'listen') channels.add(effect.channel);
    else if (effect.kind === 'unlisten') channels.delete(effect.channel);
    else channels.clear();
    if (channels.size) this.channelsByHandler.set(handlerId, channels);
    else this.channelsByHandler.delete(handlerId);
  }

  /** Forgets a connection; true when it listened on anything. */
  remove(handlerId: number): boolean {
    return this.channelsByHandler.delete(handlerId);
  }

  listenersOf(channel: string): number[] {
    const listeners: number[] = [];
    for (const [handlerId, channels] of this.channelsByHandler) if (channels.has(channel)) listeners.push(handlerId);
    return listeners;
  }

  /** Every channel some connection listens on: what the shared session must listen on. */
  allChannels(): Set<string> {
    const all = new Set<string>();
    for (const channels of this.channelsByHandler.values()) for (const channel of channels) all.add(channel);
    return all;
  }
}
