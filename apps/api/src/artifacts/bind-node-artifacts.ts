import type { AnyNodeType, ArtifactStore, NodeArtifacts } from '@baton/engine';

/**
 * The node type with `ctx.artifacts` bound to the store, its artifacts owned by the running
 * execution and step. The node gets the reference only; the bytes never enter the step's output.
 */
/**
 * `publicLink`: a signed public URL for an artifact; a published artifact's reference carries it
 * as `url` (what template.html hands on to email.send and the like).
 */
export function bindNodeArtifacts(
  nodeType: AnyNodeType,
  store: ArtifactStore,
  publicLink?: (artifactId: string) => string,
): AnyNodeType {
  return {
    ...nodeType,
    run(input, ctx) {
      const artifacts: NodeArtifacts = {
        async put(name, body, contentType, options) {
          const owner = { executionId: ctx.executionId, stepId: ctx.stepId };
          const record = await store.put(owner, name, body, contentType, options);
          return {
            artifactId: record.artifactId,
            name: record.name,
            contentType: record.contentType,
            size: record.size,
            sha256: record.sha256,
            ...(options?.publish && publicLink ? { url: publicLink(record.artifactId) } : {}),
          };
        },
      };
      return nodeType.run(input, { ...ctx, artifacts });
    },
  };
}
