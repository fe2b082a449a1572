#!/usr/bin/env node
/**
 * Switches a stage's active frontend release (instant: releases stay in the bucket), keeping the replaced
 * one as `previous`. Also what the pipeline runs after the candidate passed its smoke test.
 *
 *   npm run frontend:switch -- <releaseId> --store-arn <ReleaseStoreArn> [--bucket <SiteBucketName>] [--role-arn <arn>]
 *   npm run frontend:switch -- --status --store-arn <ReleaseStoreArn>
 *   npm run frontend:switch -- previous --store-arn …      (switch back to the release before this one)
 *
 * Settings default from RELEASE_STORE_ARN, SITE_BUCKET, SITE_REGION, RELEASE_PUBLISHER_ROLE_ARN; the release
 * from RELEASE_ID when none is named.
 */
import {
  parseArgs,
  releaseBucketFor,
  releaseStoreFor,
  runCommand,
} from '../pipeline/frontend/release-target.js';
import { FrontendReleaseError } from '../pipeline/frontend/frontend-release-error.js';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2), process.env, ['status']);
  const store = releaseStoreFor(args);
  if (args.flags.has('status')) {
    const pointers = await store.read();
    console.log(
      `active=${pointers.active ?? '-'} candidate=${pointers.candidate ?? '-'} previous=${pointers.previous ?? '-'}`,
    );
    return;
  }
  // The pipeline passes the release it just smoke-tested as RELEASE_ID; people name one on the command line.
  const [requested = process.env.RELEASE_ID, ...extra] = args.positional;
  if (!requested || extra.length > 0) {
    throw new FrontendReleaseError(
      'usage: npm run frontend:switch -- <releaseId|previous|candidate> --store-arn <arn> (or --status)',
    );
  }
  let releaseId = requested;
  if (requested === 'previous' || requested === 'candidate') {
    const pointers = await store.read();
    const target = pointers[requested];
    if (!target) throw new FrontendReleaseError(`the release store has no ${requested} release`);
    releaseId = target;
  }
  // With the bucket known, refuse to point viewers at a release that is not (completely) there.
  if (args.settings.bucket && !(await releaseBucketFor(args).exists(releaseId))) {
    throw new FrontendReleaseError(
      `release ${releaseId} is not in bucket ${args.settings.bucket} (releases/${releaseId}/index.html missing)`,
    );
  }
  const result = await store.activate(releaseId);
  console.log(
    result.changed
      ? `active release: ${result.to} (was ${result.from ?? 'none'}; switch back with: npm run frontend:switch -- previous)`
      : `active release: ${result.to} (already active, nothing changed)`,
  );
});
