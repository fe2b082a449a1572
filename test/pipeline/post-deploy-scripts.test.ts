/**
 * The post-deploy scripts the pipeline runs (pipeline/scripts/*.mjs), run as the pipeline runs them
 * (a `node` process with environment variables) against a local HTTP server.
 */
import { execFile } from 'node:child_process';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

const COMMIT = 'c0ffee0000000000000000000000000000000001';
/** Fast knobs for tests; the defaults (6 attempts from 5 s) are for real deployments. */
const FAST = { HEALTH_ATTEMPTS: '3', HEALTH_BACKOFF_MS: '20', HEALTH_TIMEOUT_MS: '500' };

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let server: Server | undefined;
const sockets = new Set<import('node:net').Socket>();

async function serve(handler: Handler): Promise<string> {
  server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

function run(script: string, env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`pipeline/scripts/${script}`],
      // A clean environment: CodeBuild's variables must not leak in from the machine running the tests.
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? -1) : 0,
          stdout,
          stderr,
          elapsedMs: Date.now() - started,
        }),
    );
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

describe('health-check.mjs', () => {
  const healthy = { status: 'ok', database: 'ok', version: COMMIT };

  it('passes when /health answers ok on the commit being built', async () => {
    const paths: string[] = [];
    const base = await serve((request, response) => {
      paths.push(request.url!);
      json(response, 200, healthy);
    });
    const result = await run('health-check.mjs', {
      ...FAST,
      API_URL: `${base}/v1/api/`,
      EXPECTED_VERSION: COMMIT,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(paths).toEqual(['/v1/api/health']);
    expect(result.stdout).toContain('health check passed');
  });

  it('falls back to CODEBUILD_RESOLVED_SOURCE_VERSION for the expected commit', async () => {
    const base = await serve((_request, response) => json(response, 200, healthy));
    const result = await run('health-check.mjs', {
      ...FAST,
      API_URL: base,
      CODEBUILD_RESOLVED_SOURCE_VERSION: COMMIT,
    });
    expect(result.code).toBe(0);
  });

  it('retries with growing waits and passes once the API recovers', async () => {
    const arrivals: number[] = [];
    const base = await serve((_request, response) => {
      arrivals.push(Date.now());
      if (arrivals.length < 3)
        json(response, 503, { status: 'degraded', database: 'error', version: COMMIT });
      else json(response, 200, healthy);
    });
    const result = await run('health-check.mjs', {
      ...FAST,
      HEALTH_BACKOFF_MS: '100',
      API_URL: base,
      EXPECTED_VERSION: COMMIT,
    });
    expect(result.code).toBe(0);
    expect(arrivals).toHaveLength(3);
    const [first, second, third] = arrivals as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200); // doubled
    expect(result.stdout).toContain('attempt 1/3 failed: HTTP 503 status=degraded database=error');
  });

  it('outlasts a resuming staging database (503 for ~15 s, ~30 s after a day paused) with its default retries, bounded', async () => {
    // Plain JS (run without a build in CodeBuild); the specifier is a variable so TypeScript leaves it alone.
    const probe = '../../pipeline/scripts/probe.mjs';
    const { probeOptionsFromEnv } = (await import(probe)) as {
      probeOptionsFromEnv(
        env: Record<string, string>,
      ): Record<'attempts' | 'backoffMs' | 'maxBackoffMs' | 'timeoutMs', number>;
    };
    const options = probeOptionsFromEnv({});
    const waits = Array.from({ length: options.attempts - 1 }, (_, attempt) =>
      Math.min(options.backoffMs * 2 ** attempt, options.maxBackoffMs),
    );
    const waited = waits.reduce((sum, wait) => sum + wait, 0);
    expect(waited).toBeGreaterThanOrEqual(2 * 30_000);
    // Bounded: the step gives up within a few minutes even when every request hangs to its timeout.
    expect(waited + options.attempts * options.timeoutMs).toBeLessThanOrEqual(5 * 60_000);
  });

  it('fails when the API stays degraded', async () => {
    let requests = 0;
    const base = await serve((_request, response) => {
      requests++;
      json(response, 503, { status: 'degraded', database: 'error', version: COMMIT });
    });
    const result = await run('health-check.mjs', { ...FAST, API_URL: base, EXPECTED_VERSION: COMMIT });
    expect(result.code).toBe(1);
    expect(requests).toBe(3);
    expect(result.stderr).toContain('health check FAILED');
    expect(result.stderr).toContain('status=degraded database=error');
  });

  it('fails when status is ok but the database is not', async () => {
    const base = await serve((_request, response) => json(response, 200, { ...healthy, database: 'error' }));
    const result = await run('health-check.mjs', { ...FAST, API_URL: base, EXPECTED_VERSION: COMMIT });
    expect(result.code).toBe(1);
  });

  it('fails when a healthy API runs another version than the commit being built', async () => {
    const base = await serve((_request, response) =>
      json(response, 200, { ...healthy, version: 'f'.repeat(40) }),
    );
    const result = await run('health-check.mjs', { ...FAST, API_URL: base, EXPECTED_VERSION: COMMIT });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`expected version ${COMMIT}`);
  });

  it('fails when the answer is not JSON', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    const result = await run('health-check.mjs', { ...FAST, API_URL: base, EXPECTED_VERSION: COMMIT });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 502, body is not JSON');
  });

  it('fails within a bounded time when the API never answers', async () => {
    let requests = 0;
    const base = await serve(() => {
      requests++; // accept the request, never respond
    });
    const result = await run('health-check.mjs', {
      HEALTH_ATTEMPTS: '3',
      HEALTH_BACKOFF_MS: '50',
      HEALTH_TIMEOUT_MS: '300',
      API_URL: base,
      EXPECTED_VERSION: COMMIT,
    });
    expect(result.code).toBe(1);
    expect(requests).toBe(3);
    expect(result.stderr).toContain('no answer within 300 ms');
    // 3 × 300 ms timeouts + 50 + 100 ms waits, plus process start-up.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(result.elapsedMs).toBeLessThan(5_000);
  });

  it('fails when nothing listens at all', async () => {
    const base = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const result = await run('health-check.mjs', { ...FAST, API_URL: base, EXPECTED_VERSION: COMMIT });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('names a missing API_URL or expected version in one line (usage error)', async () => {
    const noUrl = await run('health-check.mjs', { EXPECTED_VERSION: COMMIT });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr.trim()).toBe('missing environment variable API_URL');
    const noVersion = await run('health-check.mjs', { API_URL: 'http://127.0.0.1:1' });
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr.trim()).toBe(
      'missing environment variable EXPECTED_VERSION (or CODEBUILD_RESOLVED_SOURCE_VERSION)',
    );
  });

  it('rejects a malformed retry setting in one line', async () => {
    const result = await run('health-check.mjs', {
      API_URL: 'http://x',
      EXPECTED_VERSION: COMMIT,
      HEALTH_ATTEMPTS: 'many',
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('HEALTH_ATTEMPTS must be a positive integer, got "many"');
  });
});

describe('site-smoke-test.mjs', () => {
  const page = '<!doctype html><html lang="en"><body><div id="app"></div></body></html>';

  function site(options: { spaFallback?: boolean; apiRouted?: boolean } = {}): Handler {
    return (request, response) => {
      if (request.url === '/api/health') {
        if (options.apiRouted === false) {
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end(page);
        } else json(response, 200, { status: 'ok', database: 'ok', version: COMMIT });
      } else if (request.url === '/' || options.spaFallback !== false) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page);
      } else {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<Error>AccessDenied</Error>');
      }
    };
  }

  it('passes when the page, a deep link and /api/health through the site all answer', async () => {
    const base = await serve(site());
    const result = await run('site-smoke-test.mjs', { ...FAST, SITE_URL: base });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails when deep links do not fall back to the app', async () => {
    const base = await serve(site({ spaFallback: false }));
    const result = await run('site-smoke-test.mjs', { ...FAST, SITE_URL: base });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SPA fallback');
  });

  it('fails when /api/* is not routed to the API', async () => {
    const base = await serve(site({ apiRouted: false }));
    const result = await run('site-smoke-test.mjs', { ...FAST, SITE_URL: base });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is /api/* routed to the API?');
  });
});
