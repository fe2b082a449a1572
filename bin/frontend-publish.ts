#!/usr/bin/env node
/**
 * Publishes the web app as a release candidate: builds it with its assets under `/releases/<id>/`,
 * uploads it to the site bucket (once; releases are immutable) and points `candidate` at it.
 *
 *   RELEASE_ID=<git commit> npm run frontend:publish -- --bucket <SiteBucketName> --store-arn <ReleaseStoreArn>
 */
import { publishRelease } from '../pipeline/frontend/publish-release.js';
import { readCommandLine } from '../pipeline/cli/command-line.js';
import {
  frontendCommand,
  parseArgs,
  singleReleaseId,
  releaseBucketFor,
  releaseStoreFor,
  runCommand,
} from '../pipeline/frontend/release-target.js';

const PUBLISH_COMMAND = frontendCommand(
  {
    name: 'frontend:publish',
    usage:
      'npm run frontend:publish -- <releaseId> --bucket NAME --store-arn ARN [--region REGION] [--role-arn ARN]',
    description: [
      'Publishes the web app as a release candidate: builds it with its assets under /releases/<id>/,',
      'uploads it to the site bucket (once: releases are immutable) and points `candidate` at it.',
      'A pipeline step; switch it active with npm run frontend:switch.',
    ].join('\n'),
  },
  ['bucket', 'store-arn', 'region', 'role-arn'],
);

const { args, releaseId } = readCommandLine(PUBLISH_COMMAND, (argv) => {
  const parsed = parseArgs(argv, process.env);
  return { args: parsed, releaseId: singleReleaseId(parsed, process.env) };
});

await runCommand(async () => {
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
