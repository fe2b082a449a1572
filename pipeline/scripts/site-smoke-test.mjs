#!/usr/bin/env node
// @ts-check
/* global process, console */
/**
 * Post-deploy smoke test of one stage's site (SITE_URL from the stage's SiteUrl output):
 * the page answers HTML, a deep link answers the same app (SPA fallback), and `/api/health` through
 * the CDN answers `status: "ok"` (the `/api/*` route reaches the API). Bounded retries as in probe.mjs.
 */
import { getWithTimeout, probeOptionsFromEnv, requireEnv, retryWithBackoff } from './probe.mjs';

const siteUrl = requireEnv('SITE_URL').replace(/\/+$/, '');
const options = probeOptionsFromEnv();

/** @param {string} url */
async function expectHtml(url) {
  const page = await getWithTimeout(url, options.timeoutMs);
  if (page.status !== 200) return `${url}: HTTP ${page.status}`;
  if (!page.contentType.includes('text/html') || !/<html[\s>]/i.test(page.body)) {
    return `${url}: not an HTML page (content-type ${page.contentType || 'none'})`;
  }
  return null;
}

console.log(`site smoke test: ${siteUrl}`);
const failure = await retryWithBackoff(
  'site smoke test',
  async () => {
    const home = await expectHtml(`${siteUrl}/`);
    if (home) return home;
    const deepLink = await expectHtml(`${siteUrl}/goals/smoke-test-deep-link`);
    if (deepLink) return `SPA fallback: ${deepLink}`;
    const api = await getWithTimeout(`${siteUrl}/api/health`, options.timeoutMs);
    let status;
    try {
      status = JSON.parse(api.body).status;
    } catch {
      return `${siteUrl}/api/health: HTTP ${api.status}, not JSON (is /api/* routed to the API?)`;
    }
    return api.status === 200 && status === 'ok'
      ? null
      : `${siteUrl}/api/health: HTTP ${api.status} status=${status}`;
  },
  options,
);

if (failure !== null) {
  console.error(`site smoke test FAILED: ${failure}`);
  process.exit(1);
}
console.log(`site smoke test passed: ${siteUrl}`);
