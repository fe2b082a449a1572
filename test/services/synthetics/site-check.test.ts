/**
 * The production canary's own script (services/synthetics/site-check/index.mjs), run against the local
 * stack: it passes on a healthy site and fails, naming what is wrong, when the page's script is missing
 * or the database is away.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../../services/shared/logger.js';
import { checkSite, handler } from '../../../services/synthetics/site-check/index.mjs';
import { startTestLocalStack, type TestLocalStack } from '../../helpers/local-stack.js';

let stack: TestLocalStack;
const webDir = mkdtempSync(join(tmpdir(), 'gm-canary-web-'));

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(
    join(webDir, 'index.html'),
    '<!doctype html><title>Goal Mandala</title><script type="module" crossorigin src="/assets/app-1234.js"></script><div id="root"></div>',
  );
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("app")');
  stack = await startTestLocalStack({ webDir, workflow: false });
});
afterAll(async () => {
  await stack?.close();
  rmSync(webDir, { recursive: true, force: true });
  delete process.env.SITE_URL;
});

describe('site check (the Synthetics canary script)', () => {
  it('passes on a healthy site: the page, the script it references and /api/health', async () => {
    process.env.SITE_URL = `${stack.url}/`;
    const seen = await handler();
    expect(seen).toEqual({
      page: `${stack.url}/`,
      script: `${stack.url}/assets/app-1234.js`,
      version: stack.version,
    });
  });

  it('fails when the page references a script that is not there (a release with missing assets)', async () => {
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-gone.js"></script>',
    );
    try {
      // The SPA fallback answers a missing asset with the page itself (200 text/html): still a failure.
      await expect(checkSite(stack.url)).rejects.toThrow(
        `GET ${stack.url}/assets/app-gone.js: HTTP 200 text/html; charset=utf-8, expected the app's script`,
      );
    } finally {
      writeFileSync(
        join(webDir, 'index.html'),
        '<!doctype html><script type="module" src="/assets/app-1234.js"></script>',
      );
    }
  });

  it('fails while the database is away (/api/health degraded) and passes again once it is back', async () => {
    await stack.databaseGoesAway();
    try {
      await expect(checkSite(stack.url)).rejects.toThrow(`GET ${stack.url}/api/health: HTTP 503`);
    } finally {
      await stack.databaseComesBack();
    }
    await expect(checkSite(stack.url)).resolves.toMatchObject({ page: `${stack.url}/` });
  });

  it('refuses to run without SITE_URL', async () => {
    delete process.env.SITE_URL;
    await expect(handler()).rejects.toThrow('SITE_URL is not set');
  });
});
