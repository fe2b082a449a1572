#!/usr/bin/env node
/**
 * Smoke-tests the candidate release through CloudFront (preview header and cookie) before it is switched
 * to active; exits 1 with one line naming what failed.
 *
 *   RELEASE_ID=<id> npm run frontend:smoke -- --site-url https://<distribution domain>
 */
import { FrontendReleaseError } from '../pipeline/frontend/frontend-release-error.js';
import { smokeTestRelease } from '../pipeline/frontend/release-smoke-test.js';
import { readCommandLine, UsageError } from '../pipeline/cli/command-line.js';
import {
  frontendCommand,
  parseArgs,
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
  const id = parsed.positional[0] ?? process.env.RELEASE_ID ?? '';
  if (!id) throw new UsageError('missing release id (or RELEASE_ID)');
  if (parsed.positional.length > 1)
    throw new UsageError(`one release expected, not ${parsed.positional.length}`);
  return { args: parsed, releaseId: id };
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
