#!/usr/bin/env node
// `npm run review:fetch -- --out DIR [--role-arn ARN]`: the stage's deployed templates, for `npm run review`.
// Run by the pipeline's ChangeReview step with the production account's read-only change review role.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { readCommandLine } from '../pipeline/cli/command-line.js';
import { FETCH_COMMAND, parseFetchArgs } from '../pipeline/review/fetch-args.js';
import { fetchDeployedTemplates } from '../pipeline/review/fetch-deployed-templates.js';
import { ReviewError } from '../pipeline/review/review-error.js';
import { StageNotFoundError, readStageStacks } from '../pipeline/review/stage-assembly.js';

// This project runs Node 20 on purpose (VERSIONS.md); the SDK's multi-line notice about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = readCommandLine(FETCH_COMMAND, parseFetchArgs);
try {
  const stacks = readStageStacks(args.assembly, args.stage);
  const region = stacks[0]?.region;
  const credentials = args.roleArn
    ? fromTemporaryCredentials({ params: { RoleArn: args.roleArn, RoleSessionName: 'change-review' } })
    : undefined;
  const result = await fetchDeployedTemplates(
    new CloudFormationClient({ region, credentials }),
    stacks,
    args.out,
  );
  console.log(`review:fetch: ${result.fetched.length} deployed template(s) in ${args.out}`);
  if (result.notDeployed.length > 0)
    console.log(`review:fetch: not deployed yet: ${result.notDeployed.join(', ')}`);
} catch (error) {
  if (!(error instanceof ReviewError || error instanceof StageNotFoundError)) throw error;
  console.error(`review:fetch: ${error.message}`);
  process.exitCode = 1;
}
