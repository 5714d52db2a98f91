import { Global, Module } from '@nestjs/common';
import { CreditLimitRepository, UsageRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { CreditGate } from './credit-gate.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/**
 * Usage in credits: the report, the monthly limit, and the gate every start passes (global, so
 * ExecutionsService and TriggerStarter take it without importing this module).
 */
@Global()
@Module({
  controllers: [UsageController],
  providers: [
    UsageService,
    CreditGate,
    {
      provide: UsageRepository,
      useFactory: (dataSource: DataSource) => new UsageRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: CreditLimitRepository,
      useFactory: (dataSource: DataSource) => new CreditLimitRepository(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [CreditGate],
})
export class UsageModule {}
