#!/usr/bin/env node
/**
 * Publishes the web app as a release candidate: builds it with its assets under `/releases/<id>/`,
 * uploads it to the site bucket (once; releases are immutable) and points `candidate` at it.
 *
 *   RELEASE_ID=<git commit> npm run frontend:publish -- --bucket <SiteBucketName> --store-arn <ReleaseStoreArn>
 */
import { publishRelease } from '../pipeline/frontend/publish-release.js';
import { FrontendReleaseError } from '../pipeline/frontend/frontend-release-error.js';
import {
  parseArgs,
  releaseBucketFor,
  releaseStoreFor,
  runCommand,
} from '../pipeline/frontend/release-target.js';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2), process.env);
  const releaseId = args.positional[0] ?? process.env.RELEASE_ID ?? '';
  if (!releaseId) {
    throw new FrontendReleaseError(
      'missing release id: npm run frontend:publish -- <releaseId> (or RELEASE_ID)',
    );
  }
  const result = await publishRelease(releaseId, {
    bucket: releaseBucketFor(args),
    store: releaseStoreFor(args),
  });
  console.log(
    result.uploaded > 0
      ? `uploaded release ${releaseId} (${result.uploaded} files) to s3://${result.bucketName}/releases/${releaseId}/`
      : `release ${releaseId} is already in s3://${result.bucketName} (releases are immutable): not uploaded again`,
  );
  console.log(`candidate release: ${releaseId}`);
});
