import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A local S3-compatible server process (s3rver) with one bucket, for the S3 artifact driver's tests. */
export interface LocalS3Server {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The BATON_ARTIFACTS_S3_* variables pointing a Baton process at it. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts s3rver on a free loopback port; its objects live in a temporary folder removed on stop. */
export async function startLocalS3Server(bucket = 'baton-artifacts'): Promise<LocalS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'baton-s3-'));
  const bin = join(
    dirname(createRequire(join(process.cwd(), 'package.json')).resolve('s3rver/package.json')),
    'bin/s3rver.js',
  );
  const child = spawn(
    process.execPath,
    [bin, '-d', directory, '-a', '127.0.0.1', '-p', '0', '-s', '--no-vhost-buckets', '--configure-bucket', bucket],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start: ${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on [^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}: ${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials (it checks signatures made with them).
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    url,
    bucket,
    ...credentials,
    env: {
      BATON_ARTIFACTS_S3_URL: url,
      BATON_ARTIFACTS_S3_BUCKET: bucket,
      BATON_ARTIFACTS_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      BATON_ARTIFACTS_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    stop: () => stopProcess(child).finally(() => rmSync(directory, { recursive: true, force: true })),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
