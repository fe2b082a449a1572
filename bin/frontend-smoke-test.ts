#!/usr/bin/env node
/**
 * Smoke-tests the candidate release through CloudFront (preview header and cookie) before it is switched
 * to active; exits 1 with one line naming what failed.
 *
 *   RELEASE_ID=<id> npm run frontend:smoke -- --site-url https://<distribution domain>
 */
import { FrontendReleaseError } from '../pipeline/frontend/frontend-release-error.js';
import { smokeTestRelease } from '../pipeline/frontend/release-smoke-test.js';
import { readCommandLine } from '../pipeline/cli/command-line.js';
import {
  frontendCommand,
  parseArgs,
  singleReleaseId,
  requireSetting,
  runCommand,
} from '../pipeline/frontend/release-target.js';

const SMOKE_COMMAND = frontendCommand(
  {
    name: 'frontend:smoke',
    usage: 'npm run frontend:smoke -- <releaseId> --site-url URL',
    description: [
      'Smoke-tests the candidate release through CloudFront (the preview header and cookie) before it is',
      'switched active; exits 1 with one line naming what failed. A pipeline step.',
    ].join('\n'),
  },
  ['site-url'],
);

const { args, releaseId } = readCommandLine(SMOKE_COMMAND, (argv) => {
  const parsed = parseArgs(argv, process.env);
  return { args: parsed, releaseId: singleReleaseId(parsed, process.env) };
});

await runCommand(async () => {
  const siteUrl = requireSetting(args, 'site-url');
  const failure = await smokeTestRelease({ siteUrl, releaseId, log: (line) => console.log(line) });
  if (failure)
    throw new FrontendReleaseError(
      `candidate ${releaseId} failed its smoke test through ${siteUrl}: ${failure}`,
    );
  console.log(`candidate ${releaseId} passed its smoke test through ${siteUrl}`);
});
