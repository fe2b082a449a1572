/**
 * Every test file of the shared project (vitest.config.ts: files run one after another in one process): what a
 * file changed in the process — environment variables (and process.env itself), stubs, timers, the project's own
 * modules already evaluated — is put back once its tests have run, so the next file starts as it would in a
 * process of its own.
 * Only installed packages (aws-cdk-lib: most of a file's import time) stay loaded.
 */
import { afterAll, vi } from 'vitest';

const envObject = process.env;
const env = { ...process.env };
const cwd = process.cwd();

afterAll(() => {
  // A file may replace the object itself (`process.env = { ...saved }`): vitest's vi.stubEnv deletes from the
  // object it started with, so a later file's stubEnv(name, undefined) would silently leave the variable set.
  process.env = envObject;
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  if (process.cwd() !== cwd) process.chdir(cwd);
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.resetModules();
});
