import { Module } from '@nestjs/common';
import { Clock, createGuardedFetch } from '@baton/engine';
import { createGuardedHostResolver } from '@baton/nodes';
import { DeadLetterRepository, ExecutionRetentionRepository, FailureNotificationRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { BATON_CONFIG } from '../config/baton-config.token';
import type { BatonConfig } from '../config/baton-config';
import { CredentialVault } from '../credentials/credential-vault';
import { StuckExecutionsCollector } from './dead-letters/stuck-executions.collector';
import { FAILURE_CHANNEL_SERVICES } from './notifications/failure-channel-services.token';
import type { ChannelServices } from './notifications/failure-channels';
import { FailureNotifier } from './notifications/failure-notifier.service';
import { ExecutionRetentionService } from './retention/execution-retention.service';

const repository = <T>(Repository: new (dataSource: DataSource) => T) => ({
  provide: Repository,
  useFactory: (dataSource: DataSource) => new Repository(dataSource),
  inject: [DataSource],
});

/**
 * Background operations of every process role: the retention job, on-failure notifications and
 * the stuck-executions gauge. Each is safe to run in many processes at once (advisory lock,
 * SKIP LOCKED claims, read-only counts). The REST side (bulk redrive, the stuck list, failure
 * groups) is served by ExecutionsModule, whose route order it depends on.
 */
@Module({
  providers: [
    repository(ExecutionRetentionRepository),
    repository(FailureNotificationRepository),
    repository(DeadLetterRepository),
    ExecutionRetentionService,
    FailureNotifier,
    StuckExecutionsCollector,
    {
      provide: FAILURE_CHANNEL_SERVICES,
      inject: [BATON_CONFIG, CredentialVault, Clock],
      useFactory: (config: BatonConfig, vault: CredentialVault, clock: Clock): ChannelServices => ({
        // The same outbound rules as nodes: a notification URL is user input like any http.request.
        fetch: createGuardedFetch(config.outboundHttp),
        resolveOutboundHost: createGuardedHostResolver(config.outboundHttp.allowHosts),
        credential: async (executionId, id, kind) => (await vault.resolve(executionId, id, kind)).values,
        now: () => clock.now(),
      }),
    },
  ],
  exports: [ExecutionRetentionService, FailureNotifier],
})
export class OperationsModule {}
