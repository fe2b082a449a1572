/**
 * REF's own acceptance journey (pipeline/scripts/acceptance-journey.mjs as it was at REF) against REF's API.
 */
import { spawn } from 'node:child_process';
import { OutputTail } from './ref-stack.js';

export const JOURNEY_SCRIPT = 'pipeline/scripts/acceptance-journey.mjs';

export interface JourneyResult {
  readonly passed: boolean;
  /** What the journey printed (its steps, ✓ or ✗, and its verdict line). */
  readonly output: readonly string[];
}

/** Runs the journey; `timeoutMs` bounds the whole run (@default 360000). */
export function runRefJourney(dir: string, apiUrl: string, timeoutMs = 360_000): Promise<JourneyResult> {
  return new Promise((resolve, reject) => {
    const output = new OutputTail(1000);
    const child = spawn(process.execPath, [JOURNEY_SCRIPT], {
      cwd: dir,
      env: { ...process.env, API_URL: apiUrl, JOURNEY_RESUME_WAIT_MS: '30000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const timer = setTimeout(() => {
      output.push(`\nacceptance journey stopped: still running after ${timeoutMs / 1000} s\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ passed: code === 0, output: output.all().filter((line) => line.trim() !== '') });
    });
  });
}
