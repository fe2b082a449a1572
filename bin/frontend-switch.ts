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
import { readCommandLine, UsageError } from '../pipeline/cli/command-line.js';
import {
  frontendCommand,
  parseArgs,
  releaseBucketFor,
  releaseStoreFor,
  runCommand,
} from '../pipeline/frontend/release-target.js';
import { FrontendReleaseError } from '../pipeline/frontend/frontend-release-error.js';

const SWITCH_COMMAND = frontendCommand(
  {
    name: 'frontend:switch',
    usage:
      'npm run frontend:switch -- <releaseId|previous|candidate> --store-arn ARN [--bucket NAME] [--region REGION] [--role-arn ARN]  |  --status --store-arn ARN',
    description: [
      "Switches the stage's active frontend release (instant: releases stay in the bucket), keeping the",
      'replaced one as previous; `previous` switches back. With the bucket known, it refuses a release that',
      'is not (completely) there. --status prints the active, candidate and previous releases.',
    ].join('\n'),
  },
  ['store-arn', 'bucket', 'region', 'role-arn'],
  { status: 'print active=… candidate=… previous=… and change nothing' },
);

const args = readCommandLine(SWITCH_COMMAND, (argv) => {
  const parsed = parseArgs(argv, process.env, ['status']);
  if (!parsed.flags.has('status') && parsed.positional.length === 0 && !process.env.RELEASE_ID)
    throw new UsageError('name the release to switch to (a commit, previous or candidate), or --status');
  if (parsed.positional.length > 1)
    throw new UsageError(`one release expected, not ${parsed.positional.length}`);
  return parsed;
});

await runCommand(async () => {
  const store = releaseStoreFor(args);
  if (args.flags.has('status')) {
    const pointers = await store.read();
    console.log(
      `active=${pointers.active ?? '-'} candidate=${pointers.candidate ?? '-'} previous=${pointers.previous ?? '-'}`,
    );
    return;
  }
  // The pipeline passes the release it just smoke-tested as RELEASE_ID; people name one on the command line.
  const requested = args.positional[0] ?? process.env.RELEASE_ID!;
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
