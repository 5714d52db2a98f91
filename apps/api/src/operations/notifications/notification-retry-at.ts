/** Attempts before a notification is given up (30 s, 1, 2, 4 ... 32 min apart: about an hour in all). */
export const MAX_NOTIFICATION_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;

/** When the next attempt is due after `attempt` failed, or null when it was the last. */
export function notificationRetryAt(attempt: number, now: number): Date | null {
  if (attempt >= MAX_NOTIFICATION_ATTEMPTS) return null;
  return new Date(now + FIRST_RETRY_MS * 2 ** (attempt - 1));
}
