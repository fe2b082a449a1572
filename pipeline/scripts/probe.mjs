// @ts-check
/* global process, fetch, console, setTimeout, AbortSignal */
/**
 * Shared by the post-deploy steps (health-check.mjs, site-smoke-test.mjs). Plain Node.js (>= 18, global
 * fetch) with no dependencies, so a CodeBuild step runs it straight from the source checkout without `npm ci`.
 */

/**
 * @typedef {object} ProbeOptions
 * @property {number} attempts   how many times to try before giving up
 * @property {number} backoffMs  wait after the first failure; doubles after each further failure
 * @property {number} maxBackoffMs  ceiling for one wait
 * @property {number} timeoutMs  per-request limit (a server that never answers costs at most this much)
 */

/** @returns {ProbeOptions} read from HEALTH_ATTEMPTS, HEALTH_BACKOFF_MS, HEALTH_MAX_BACKOFF_MS, HEALTH_TIMEOUT_MS */
export function probeOptionsFromEnv(env = process.env) {
  return {
    attempts: positiveInt(env, 'HEALTH_ATTEMPTS', 6),
    backoffMs: positiveInt(env, 'HEALTH_BACKOFF_MS', 5_000),
    maxBackoffMs: positiveInt(env, 'HEALTH_MAX_BACKOFF_MS', 60_000),
    timeoutMs: positiveInt(env, 'HEALTH_TIMEOUT_MS', 10_000),
  };
}

/**
 * Runs `check` until it returns null (passed) or attempts run out, waiting with exponential backoff.
 * `check` returns a one-line reason when the target is not (yet) right; thrown errors count as failures.
 * @param {string} label
 * @param {() => Promise<string | null>} check
 * @param {ProbeOptions} options
 * @returns {Promise<string | null>} null when passed, else the last failure reason
 */
export async function retryWithBackoff(label, check, options) {
  let reason = 'not tried';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      const failure = await check();
      if (failure === null) return null;
      reason = failure;
    } catch (error) {
      reason = describeError(error, options.timeoutMs);
    }
    if (attempt === options.attempts) break;
    const waitMs = Math.min(options.backoffMs * 2 ** (attempt - 1), options.maxBackoffMs);
    console.log(
      `${label}: attempt ${attempt}/${options.attempts} failed: ${reason}; retrying in ${waitMs} ms`,
    );
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  console.log(`${label}: attempt ${options.attempts}/${options.attempts} failed: ${reason}`);
  return reason;
}

/**
 * GET with a hard time limit covering headers and body.
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<{ status: number, contentType: string, body: string }>}
 */
export async function getWithTimeout(url, timeoutMs) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  const body = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/**
 * Reads a required environment variable, or ends the process with one line naming it.
 * @param {string} name
 * @param {string} [fallbackName] consulted when `name` is empty
 */
export function requireEnv(name, fallbackName) {
  const value = process.env[name] || (fallbackName ? process.env[fallbackName] : undefined);
  if (!value) {
    console.error(`missing environment variable ${name}${fallbackName ? ` (or ${fallbackName})` : ''}`);
    process.exit(2);
  }
  return value;
}

/** @param {unknown} error @param {number} timeoutMs */
function describeError(error, timeoutMs) {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

/** @param {NodeJS.ProcessEnv} env @param {string} name @param {number} fallback */
export function positiveInt(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
