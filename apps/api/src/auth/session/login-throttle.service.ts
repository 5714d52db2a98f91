import { Inject, Injectable } from '@nestjs/common';
import { LoginThrottleRepository } from '@baton/persistence';
import { DomainError } from '../../common/domain.error';
import type { BatonConfig } from '../../config/baton-config';
import { BATON_CONFIG } from '../../config/baton-config.token';

/**
 * Slows password guessing: after too many failed sign-ins for one account, or from one client
 * address, within a window, further attempts are refused with 429 until the window ends. The
 * counters live in the database, so every API process enforces the same limit.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly failures: LoginThrottleRepository,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /** @throws DomainError RATE_LIMITED with `retryAfterSeconds` while the account or address is throttled. */
  async assertAllowed(email: string, address: string, now: Date): Promise<void> {
    const { windowSeconds, maxFailuresPerAccount, maxFailuresPerAddress } = this.config.loginThrottle;
    const counted = await this.failures.currentFailures(keysOf(email, address), this.windowStart(now));
    for (const { key, failures, windowStartedAt } of counted) {
      const limit = key.startsWith('account:') ? maxFailuresPerAccount : maxFailuresPerAddress;
      if (failures < limit) continue;
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((windowStartedAt.getTime() + windowSeconds * 1000 - now.getTime()) / 1000),
      );
      throw new DomainError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
  }

  recordFailure(email: string, address: string, now: Date): Promise<void> {
    return this.failures.recordFailure(keysOf(email, address), now, this.windowStart(now));
  }

  /** A successful sign-in clears the account's count (not the address's: one good password opens no others). */
  recordSuccess(email: string): Promise<void> {
    return this.failures.clear(`account:${email.toLowerCase()}`);
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.config.loginThrottle.windowSeconds * 1000);
  }
}

const keysOf = (email: string, address: string) => [`account:${email.toLowerCase()}`, `address:${address}`];
