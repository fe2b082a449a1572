/**
 * The acceptance journey (pipeline/scripts/acceptance-journey.mjs) run as the pipeline runs it, a `node`
 * process with API_URL: the whole journey against the local stack (same handlers, the local AI workflow,
 * auth/deleteAccount at the end), its patience with a resuming database (503s), and a failing step named.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '../../services/db/pool.js';
import type { LocalStack } from '../../local/local-stack.js';
import { logger } from '../../services/shared/logger.js';
import { startTestLocalStack } from '../helpers/local-stack.js';

const script = new URL('../../pipeline/scripts/acceptance-journey.mjs', import.meta.url).pathname;

function runJourney(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script],
      { env: { PATH: process.env.PATH, ...env }, timeout: 240_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let stack: LocalStack;

beforeAll(async () => {
  process.env.LOCAL_BEDROCK_DELAY_MS = '20';
  logger.setLogLevel('SILENT');
  stack = await startTestLocalStack({ webDir: '/nonexistent' });
});
afterAll(async () => {
  await stack?.close();
  delete process.env.LOCAL_BEDROCK_DELAY_MS;
});

describe('acceptance journey', () => {
  it('passes against the local stack: two users, an AI-drafted chart, tasks, a reflection, isolation, both deleted', async () => {
    const run = await runJourney({ API_URL: `${stack.url}/api` });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const steps = run.stdout.split('\n').filter((line) => line.startsWith('✓'));
    expect(steps.map((line) => line.replace(/^✓ \d+\. | \(\d+ ms\)$/g, ''))).toEqual([
      'the API is healthy',
      'two throw-away users sign up',
      'the first user is who the token says',
      'a goal with a hand-written sub-goal and action',
      'the AI drafts the rest of the chart to completion',
      'an action becomes a task, ticked off',
      'a reflection on the progress',
      'the second user sees nothing of the first',
      'both accounts deleted (2)',
    ]);
    expect(run.stdout).toContain(`acceptance journey passed against ${stack.url}/api`);
    // Nothing of the throw-away users is left behind.
    const { rows } = await (
      await getPool()
    ).query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE email LIKE 'acceptance-%'");
    expect(rows[0]!.n).toBe(0);
  });
});

describe('acceptance journey against a misbehaving API', () => {
  let server: Server;
  let requests: string[];
  let api: string;

  beforeAll(async () => {
    requests = [];
    let healthCalls = 0;
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url?.split('?')[0]}`);
      if (req.url === '/api/health') {
        healthCalls += 1;
        // A paused database resuming: 503 for the first calls, then healthy.
        if (healthCalls <= 2) return res.writeHead(503).end('{"status":"degraded","database":"unreachable"}');
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"ok","database":"ok"}');
      }
      return res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"error":{"message":"Internal server error","code":-32603}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('waits out 503s with progress, then fails on the step that broke, naming it, with exit 1', async () => {
    const run = await runJourney({ API_URL: api, JOURNEY_RESUME_WAIT_MS: '20000' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/… GET health: HTTP 503 \(degraded\); retrying in 1000 ms/);
    expect(run.stdout).toContain('✓ 1. the API is healthy');
    expect(run.stderr).toContain('✗ 2. two throw-away users sign up');
    expect(run.stderr).toContain(
      'acceptance journey FAILED: auth/signUp a: expected HTTP 200, got 500 (Internal server error)',
    );
    expect(requests.filter((r) => r === 'GET /api/health')).toHaveLength(3);
  });

  it('gives up on a database that never comes back within the bounded wait', async () => {
    const down = createServer((_req, res) => res.writeHead(503).end('{"status":"degraded"}'));
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/api`;
      const run = await runJourney({ API_URL: url, JOURNEY_RESUME_WAIT_MS: '1500' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'acceptance journey FAILED: GET health: HTTP 503 (degraded), still after 1500 ms',
      );
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });

  it('refuses an API_URL without /api in one line (exit 2), before any request', async () => {
    const run = await runJourney({ API_URL: 'https://d111111abcdef8.cloudfront.net/' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'API_URL must be the API base ending in /api (https://<site>/api, http://localhost:3000/api), not "https://d111111abcdef8.cloudfront.net"',
    );
  });

  it('refuses to start without API_URL (exit 2)', async () => {
    const run = await runJourney({});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing environment variable API_URL');
  });
});
