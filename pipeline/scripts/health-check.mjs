#!/usr/bin/env node
// @ts-check
/* global process, console */
/**
 * Post-deploy check of one stage: GET `${API_URL}/health` until it answers
 * `{ status: "ok", database: "ok", version: <the commit being built> }`, with bounded retries and
 * exponential backoff (see probe.mjs for the HEALTH_* knobs). Exit 0 when healthy, 1 when not, 2 on usage.
 * The defaults wait ~135 s in all: enough for a paused staging database to resume (the API answers 503
 * for ~15 s, ~30 s after a day paused), each attempt's reason printed as it goes.
 *
 * API_URL comes from the stage's ApiUrl output (envFromCfnOutputs); EXPECTED_VERSION from the source
 * action's CommitId, falling back to CodeBuild's CODEBUILD_RESOLVED_SOURCE_VERSION.
 */
import { getWithTimeout, probeOptionsFromEnv, requireEnv, retryWithBackoff } from './probe.mjs';

const apiUrl = requireEnv('API_URL').replace(/\/+$/, '');
const expectedVersion = requireEnv('EXPECTED_VERSION', 'CODEBUILD_RESOLVED_SOURCE_VERSION');
const options = probeOptionsFromEnv();
const healthUrl = `${apiUrl}/health`;

console.log(`health check: ${healthUrl}, expecting version ${expectedVersion}`);
const failure = await retryWithBackoff(
  'health check',
  async () => {
    const { status, body } = await getWithTimeout(healthUrl, options.timeoutMs);
    /** @type {{ status?: unknown, database?: unknown, version?: unknown }} */
    let health;
    try {
      health = JSON.parse(body);
    } catch {
      return `HTTP ${status}, body is not JSON: ${body.slice(0, 80)}`;
    }
    const summary = `HTTP ${status} status=${health.status} database=${health.database} version=${health.version}`;
    if (health.status !== 'ok' || health.database !== 'ok') return summary;
    if (health.version !== expectedVersion) return `${summary} (expected version ${expectedVersion})`;
    return null;
  },
  options,
);

if (failure !== null) {
  console.error(`health check FAILED: ${healthUrl}: ${failure}`);
  process.exit(1);
}
console.log(`health check passed: ${healthUrl} is ok on version ${expectedVersion}`);
