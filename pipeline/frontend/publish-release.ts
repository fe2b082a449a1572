/**
 * Publishing a release candidate: build the web app with its assets under `/releases/<id>/` (so a page
 * always loads its own release's files), upload it once (releases are immutable), then point
 * `candidate` at it. Used by `npm run frontend:publish` (the pipeline's FrontendPublishCandidate step).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReleaseBucket, UploadResult } from './release-bucket.js';
import { assertReleaseId, type ReleaseStore } from './release-store.js';

const WEB_CONFIG = fileURLToPath(new URL('../../services/web/vite.config.ts', import.meta.url));

/** Builds the web app as release `releaseId` into `outDir`. */
export async function buildRelease(releaseId: string, outDir: string): Promise<void> {
  assertReleaseId(releaseId);
  // vite.config.ts reads these when it loads (it is loaded afresh by each build).
  const saved = { id: process.env.RELEASE_ID, base: process.env.RELEASE_BASE };
  process.env.RELEASE_ID = releaseId;
  process.env.RELEASE_BASE = `/releases/${releaseId}/`;
  try {
    const { build } = await import('vite');
    await build({ configFile: WEB_CONFIG, build: { outDir, emptyOutDir: true }, logLevel: 'warn' });
  } finally {
    restore('RELEASE_ID', saved.id);
    restore('RELEASE_BASE', saved.base);
  }
}

export interface PublishResult extends UploadResult {
  readonly bucketName: string;
}

/** Build → upload (unless already there) → `candidate` = the release. */
export async function publishRelease(
  releaseId: string,
  targets: { readonly bucket: ReleaseBucket; readonly store: ReleaseStore },
): Promise<PublishResult> {
  assertReleaseId(releaseId);
  const outDir = mkdtempSync(join(tmpdir(), `release-${releaseId}-`));
  try {
    await buildRelease(releaseId, outDir);
    const upload = await targets.bucket.upload(releaseId, outDir);
    await targets.store.publishCandidate(releaseId);
    return { ...upload, bucketName: targets.bucket.bucketName };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
