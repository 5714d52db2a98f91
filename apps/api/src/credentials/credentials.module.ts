import { Module } from '@nestjs/common';
import { CredentialRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { CredentialSealer } from './credential-sealer';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

/** The credentials REST API. Run-time decryption for nodes is bound in engine-wiring (every role runs nodes). */
@Module({
  controllers: [CredentialsController],
  providers: [
    CredentialsService,
    {
      provide: CredentialRepository,
      useFactory: (dataSource: DataSource) => new CredentialRepository(dataSource),
      inject: [DataSource],
    },
    {
      provide: CredentialSealer,
      useFactory: (runtime: BatonRuntime) =>
        CredentialSealer.forKeys(runtime.encryptionKey, runtime.config.encryptionKeyPrevious),
      inject: [BATON_RUNTIME],
    },
  ],
})
export class CredentialsModule {}
