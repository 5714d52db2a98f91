import { Module } from '@nestjs/common';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { ArtifactLinkSigner } from './artifact-link-signer';
import { ArtifactLinksController, ArtifactsController } from './artifacts.controller';
import { ArtifactsService } from './artifacts.service';

/** The artifacts API (processes that serve it); the store itself is ArtifactStorageModule's. */
@Module({
  controllers: [ArtifactsController, ArtifactLinksController],
  providers: [
    ArtifactsService,
    {
      provide: ArtifactLinkSigner,
      useFactory: (runtime: BatonRuntime) => new ArtifactLinkSigner(runtime.encryptionKey),
      inject: [BATON_RUNTIME],
    },
  ],
})
export class ArtifactsModule {}
