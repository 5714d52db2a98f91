import type { BatonRuntime } from '../bootstrap/baton-runtime';
import { ArtifactLinkSigner } from './artifact-link-signer';

const LINK_TTL_SECONDS = 7 * 86_400;

/**
 * Signed public links for published artifacts, made where a step stores them: at this
 * installation's public origin (BATON_PUBLIC_URL, else http://localhost:<port>, as approval links),
 * valid 7 days or BATON_ARTIFACT_LINK_MAX_TTL_SECONDS if shorter.
 */
export function publicArtifactLinks(runtime: Pick<BatonRuntime, 'config' | 'encryptionKey'>) {
  const signer = new ArtifactLinkSigner(runtime.encryptionKey);
  const { config } = runtime;
  const origin = config.publicUrl ?? `http://localhost:${config.port}`;
  const ttlMs = Math.min(LINK_TTL_SECONDS, config.artifacts.linkMaxTtlSeconds) * 1000;
  return (artifactId: string) =>
    `${origin.replace(/\/$/, '')}/api/artifact-links/${signer.sign(artifactId, new Date(Date.now() + ttlMs))}`;
}
