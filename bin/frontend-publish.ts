#!/usr/bin/env node
/**
 * Publishes the web app as a release candidate: builds it with its assets under `/releases/<id>/`,
 * uploads it to the site bucket (once; releases are immutable) and points `candidate` at it.
 *
 *   RELEASE_ID=<git commit> npm run frontend:publish -- --bucket <SiteBucketName> --store-arn <ReleaseStoreArn>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseArgs,
  releaseBucketFor,
  releaseStoreFor,
  runCommand,
} from '../pipeline/frontend/release-target.js';
import { assertReleaseId, ReleaseSwitchError } from '../pipeline/frontend/release-store.js';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2), process.env);
  const releaseId = args.positional[0] ?? process.env.RELEASE_ID ?? '';
  if (!releaseId)
    throw new ReleaseSwitchError(
      'missing release id: npm run frontend:publish -- <releaseId> (or RELEASE_ID)',
    );
  assertReleaseId(releaseId);
  const store = releaseStoreFor(args);
  const bucket = releaseBucketFor(args);

  const outDir = mkdtempSync(join(tmpdir(), `release-${releaseId}-`));
  try {
    process.env.RELEASE_ID = releaseId;
    process.env.RELEASE_BASE = `/releases/${releaseId}/`;
    const { build } = await import('vite');
    await build({
      configFile: fileURLToPath(new URL('../services/web/vite.config.ts', import.meta.url)),
      build: { outDir, emptyOutDir: true },
    });
    const upload = await bucket.upload(releaseId, outDir);
    console.log(
      upload.uploaded > 0
        ? `uploaded release ${releaseId} (${upload.uploaded} files) to s3://${bucket.bucketName}/releases/${releaseId}/`
        : `release ${releaseId} is already in s3://${bucket.bucketName} (releases are immutable): not uploaded again`,
    );
    await store.publishCandidate(releaseId);
    console.log(`candidate release: ${releaseId}`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
