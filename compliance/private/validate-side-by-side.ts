import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';

/** Rule files and the templates to check with them: one cfn-guard run. */
export interface GuardGroup {
  readonly rules: string[];
  readonly templatePaths: string[];
}

/**
 * The validator's report for each group of rules and templates, the groups run side by side.
 *
 * A validation plugin answers synchronously and the validator waits for each cfn-guard process in turn, which
 * leaves every other core idle for seconds. This waits for one process instead (guard-runner.mjs),
 * which runs the groups in worker threads, as many at a time as there are cores.
 */
export function validateSideBySide(groups: GuardGroup[]): PolicyValidationPluginReport[] {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL('guard-runner.mjs', import.meta.url))], {
    input: JSON.stringify(groups),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0)
    throw new Error(`cfn-guard runs failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as PolicyValidationPluginReport[];
}
