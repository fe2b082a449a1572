#!/usr/bin/env node
// `npm run rollback -- <tag>`: redeploy a tagged commit through the delivery pipeline.
// A wrong argument prints one line, exit 2; a missing tag, no credentials, a wrong pipeline name: one line, exit 1.
import { setTimeout as sleep } from 'node:timers/promises';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ConfigError, readCdkJsonConfig } from '../pipeline/config.js';
import { deliveryPipelineName } from '../pipeline/pipeline-names.js';
import { readCommandLine } from '../pipeline/cli/command-line.js';
import { parseRollbackArgs, ROLLBACK_COMMAND } from '../pipeline/rollback/parse-args.js';
import { RollbackError } from '../pipeline/rollback/rollback-error.js';
import { runRollback } from '../pipeline/rollback/run-rollback.js';

const args = readCommandLine(ROLLBACK_COMMAND, parseRollbackArgs);
try {
  const config = readCdkJsonConfig();
  const region = args.region ?? config.toolchain.region;
  // package.json allows Node 20 (engines); the SDK's multi-line notice about upgrading is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  process.once('SIGINT', () => {
    console.error('\nStopped following. The pipeline run carries on; watch it in the CodePipeline console.');
    process.exit(130);
  });
  process.exitCode = await runRollback(
    {
      tag: args.tag,
      yes: args.yes,
      pipelineName: args.pipeline ?? deliveryPipelineName(config.appName),
      region,
      cwd: process.cwd(),
      pollIntervalMs: args.pollSeconds * 1000,
    },
    {
      client: new CodePipelineClient({ region }),
      input: process.stdin,
      output: process.stdout,
      sleep: (ms) => sleep(ms),
    },
  );
} catch (error) {
  if (!(error instanceof RollbackError || error instanceof ConfigError)) throw error;
  console.error(`rollback: ${error.message}`);
  process.exitCode = 1;
}
