import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { FilesystemArtifactBlobStore } from '../../../api/src/artifacts/drivers/filesystem-artifact.blob-store';
import { describeArtifactStoreContract } from './artifact-store.contract';

// The embedded tier's driver: files under the data dir, catalog in PGlite.
describeArtifactStoreContract('filesystem (embedded tier)', {
  tier: 'embedded',
  createBlobs: async ({ dataDir }) => new FilesystemArtifactBlobStore(join(dataDir, 'artifacts')),
});

it('keeps artifact folders 0700 and files 0600', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-artifact-modes-'));
  try {
    const root = join(dataDir, 'artifacts');
    const key = '0123abcd-0000-4000-8000-000000000000';
    await new FilesystemArtifactBlobStore(root).write(
      key,
      (async function* () {
        yield Buffer.from('x');
      })(),
    );
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, '01')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, '01', key)).mode & 0o777).toBe(0o600);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
