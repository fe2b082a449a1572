#!/usr/bin/env node
/**
 * Smoke-tests the candidate release through CloudFront (preview header and cookie) before it is switched
 * to active; exits 1 with one line naming what failed.
 *
 *   RELEASE_ID=<id> npm run frontend:smoke -- --site-url https://<distribution domain>
 */
import { FrontendReleaseError } from '../pipeline/frontend/frontend-release-error.js';
import { smokeTestRelease } from '../pipeline/frontend/release-smoke-test.js';
import { parseArgs, requireSetting, runCommand } from '../pipeline/frontend/release-target.js';

await runCommand(async () => {
  const args = parseArgs(process.argv.slice(2), process.env);
  const releaseId = args.positional[0] ?? process.env.RELEASE_ID ?? '';
  if (!releaseId)
    throw new FrontendReleaseError(
      'missing release id: npm run frontend:smoke -- <releaseId> (or RELEASE_ID)',
    );
  const siteUrl = requireSetting(args, 'site-url');
  const failure = await smokeTestRelease({ siteUrl, releaseId, log: (line) => console.log(line) });
  if (failure)
    throw new FrontendReleaseError(
      `candidate ${releaseId} failed its smoke test through ${siteUrl}: ${failure}`,
    );
  console.log(`candidate ${releaseId} passed its smoke test through ${siteUrl}`);
});
