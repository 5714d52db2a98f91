/** Type byte of a NotificationResponse backend message. */
export const NOTIFICATION_RESPONSE = 0x41; // 'A'
/** Type byte of a ReadyForQuery backend message. */
export const READY_FOR_QUERY = 0x5a; // 'Z'

/** A NotificationResponse as PostgreSQL sends it, plus its decoded channel. */
export interface BackendNotification {
  channel: string;
  /** The whole wire message (type byte included), ready to write to another client's socket. */
  message: Uint8Array;
}

/**
 * Splits one connection's backend output (PGlite hands it over in chunks that ignore message
 * boundaries) so NotificationResponse messages can be taken out and routed elsewhere. Every other
 * message passes straight through as views of the incoming chunk, so a large result is never
 * buffered or copied here; only notifications (at most ~8 kB each) are assembled.
 */
export class BackendMessageStream {
  /** Type byte of the last message that started in this stream (0 before any). */
  lastMessageType = 0;
  // Parsing state of the message in progress: 'start' expects a type byte, 'length' the int32
  // length (passed through), 'body' the rest (passed through), 'notification' is collected.
  private state: 'start' | 'length' | 'body' | 'notification' = 'start';
  private lengthBytes = new Uint8Array(4);
  private lengthFilled = 0;
  private bodyRemaining = 0;
  private notification: Uint8Array = new Uint8Array(0);
  private notificationFilled = 0;

  /**
   * Feeds one chunk. `forward` receives, in order, every byte that is not part of a notification
   * (views valid only during the call); `notify` receives each whole notification, positioned
   * between the forwarded bytes it came between.
   */
  push(
    chunk: Uint8Array,
    forward: (bytes: Uint8Array) => void,
    notify: (notification: BackendNotification) => void,
  ): void {
    let spanStart = 0;
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'start': {
          this.lastMessageType = chunk[i];
          if (chunk[i] === NOTIFICATION_RESPONSE) {
            if (i > spanStart) forward(chunk.subarray(spanStart, i));
            this.notification = new Uint8Array(5);
            this.notificationFilled = 0;
            this.state = 'notification';
          } else {
            this.lengthFilled = 0;
            this.state = 'length';
            i++;
          }
          break;
        }
        case 'length': {
          this.lengthBytes[this.lengthFilled++] = chunk[i++];
          if (this.lengthFilled === 4) {
            // The length counts itself but not the type byte.
            this.bodyRemaining = readInt32(this.lengthBytes, 0) - 4;
            this.state = this.bodyRemaining > 0 ? 'body' : 'start';
          }
          break;
        }
        case 'body': {
          const taken = Math.min(this.bodyRemaining, chunk.length - i);
          i += taken;
          this.bodyRemaining -= taken;
          if (this.bodyRemaining === 0) this.state = 'start';
          break;
        }
        case 'notification': {
          const taken = Math.min(this.notification.length - this.notificationFilled, chunk.length - i);
          this.notification.set(chunk.subarray(i, i + taken), this.notificationFilled);
          this.notificationFilled += taken;
          i += taken;
          if (this.notificationFilled === 5 && this.notification.length === 5) {
            // The header is complete: grow to the whole message now that its length is known.
            const whole = new Uint8Array(1 + readInt32(this.notification, 1));
            whole.set(this.notification);
            this.notification = whole;
          }
          if (this.notificationFilled === this.notification.length && this.notification.length > 5) {
            notify({ channel: notificationChannel(this.notification), message: this.notification });
            this.state = 'start';
            spanStart = i;
          }
          break;
        }
      }
    }
    if (this.state !== 'notification' && i > spanStart) forward(chunk.subarray(spanStart, i));
  }

  /** True when the bytes seen so far end exactly at a message boundary. */
  get atMessageBoundary(): boolean {
    return this.state === 'start';
  }
}

function readInt32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** NotificationResponse: 'A', int32 length, int32 sender pid, channel\0, payload\0. */
function notificationChannel(message: Uint8Array): string {
  const start = 9;
  const end = message.indexOf(0, start);
  return Buffer.from(message.buffer, message.byteOffset + start, (end < 0 ? message.length : end) - start).toString(
    'utf8',
  );
}
