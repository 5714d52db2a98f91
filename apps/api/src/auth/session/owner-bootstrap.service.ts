import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BATON_RUNTIME, type BatonRuntime } from '../../bootstrap/baton-runtime';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-hasher';
import { SetupService } from './setup.service';

/**
 * Unattended installs: when BATON_OWNER_EMAIL/PASSWORD are configured, the first owner is created
 * at start-up instead of through POST /api/auth/setup. Idempotent, and safe when several API
 * processes start together (SetupService serialises them).
 */
@Injectable()
export class OwnerBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OwnerBootstrapService.name);

  constructor(
    private readonly setup: SetupService,
    @Inject(BATON_RUNTIME) private readonly runtime: BatonRuntime,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const owner = this.runtime.config.owner;
    if (!owner) return;
    const { length } = owner.password;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      // Refuse to start rather than run an install whose configured owner can never sign in.
      throw new Error(`BATON_OWNER_PASSWORD must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
    }
    const created = await this.setup.createFirstOwner({ ...owner, email: owner.email.trim().toLowerCase() });
    if (created) this.logger.log(`Created owner ${owner.email} of workspace "${owner.workspaceName}"`);
  }
}
