/**
 * The release smoke test against a stand-in for CloudFront on localhost: each request goes through the
 * REAL release router function (stub KeyValueStore) and is then served from a folder laid out like the
 * site bucket, holding two real builds of the web app (built with their release base path).
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRelease } from '../../../pipeline/frontend/publish-release.js';
import { assetUrls, releaseOf, smokeTestRelease } from '../../../pipeline/frontend/release-smoke-test.js';
import { contentTypeFor } from '../../../pipeline/frontend/release-bucket.js';
import { isResponse, loadRouter } from '../../services/edge/router-harness.js';
import { tempDir } from '../../helpers/temp-dir.js';

const OLD = 'aaaaaaaaaaaa';
const NEW = 'bbbbbbbbbbbb';
let bucketDir: string;
let server: Server;
let siteUrl: string;
const pointers: Record<string, string> = { active: OLD, candidate: NEW };
let apiHealthy = true;

beforeAll(async () => {
  bucketDir = tempDir('site-bucket-');
  mkdirSync(join(bucketDir, 'releases'));
  await buildRelease(OLD, join(bucketDir, 'releases', OLD));
  await buildRelease(NEW, join(bucketDir, 'releases', NEW));

  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') {
      res.writeHead(apiHealthy ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: apiHealthy ? 'ok' : 'degraded' }));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, { value: String(v) }]),
    );
    const cookies = Object.fromEntries(
      (req.headers.cookie ?? '')
        .split(';')
        .filter(Boolean)
        .map((pair) => pair.trim().split('=') as [string, string])
        .map(([k, v]) => [k, { value: v }]),
    );
    const event = {
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip: '127.0.0.1' },
      request: { method: 'GET', uri: url.pathname, querystring: {}, headers, cookies },
    };
    const routed = await loadRouter(pointers).handler(event);
    if (isResponse(routed)) {
      res.writeHead(routed.statusCode, { 'content-type': 'text/plain' });
      res.end(routed.body.data);
      return;
    }
    const file = join(bucketDir, routed.uri);
    if (!existsSync(file)) {
      res.writeHead(403); // what S3 behind OAC answers for a missing key
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeFor(file) });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('release smoke test through the edge', () => {
  it('passes for the candidate the preview header and cookie reach, loading its own assets', async () => {
    const seen: string[] = [];
    const failure = await smokeTestRelease({
      siteUrl,
      releaseId: NEW,
      attempts: 1,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect(failure).toBeNull();
    expect(seen.some((url) => url.includes(`/releases/${NEW}/assets/`) && url.endsWith('.js'))).toBe(true);
  });

  it('the active pointer still serves the old release to everyone else', async () => {
    const html = await (await fetch(`${siteUrl}/`)).text();
    expect(releaseOf(html)).toBe(OLD);
    expect(assetUrls(html).every((url) => url.startsWith(`/releases/${OLD}/`))).toBe(true);
  });

  it('fails, naming the release served, while the candidate pointer has not reached the edge', async () => {
    pointers.candidate = OLD;
    try {
      const failure = await smokeTestRelease({ siteUrl, releaseId: NEW, attempts: 2, waitMs: 10 });
      expect(failure).toBe(`${siteUrl}/ (candidate) serves release ${OLD}, not ${NEW}`);
    } finally {
      pointers.candidate = NEW;
    }
  });

  it('fails when the API behind the same distribution is unhealthy', async () => {
    apiHealthy = false;
    try {
      const failure = await smokeTestRelease({ siteUrl, releaseId: NEW, attempts: 1 });
      expect(failure).toMatch(/\/api\/health: HTTP 503 status=degraded/);
    } finally {
      apiHealthy = true;
    }
  });

  it('fails when no candidate is published', async () => {
    delete pointers.candidate;
    try {
      expect(await smokeTestRelease({ siteUrl, releaseId: NEW, attempts: 1 })).toMatch(/HTTP 503/);
    } finally {
      pointers.candidate = NEW;
    }
  });
});
