// @ts-check
/* global process, fetch, console, AbortSignal, URL */
/**
 * The production site check, run by a CloudWatch Synthetics canary every 5 minutes (stages/constructs/
 * site-canary.ts) so the alarms have traffic to judge even at night: the site's page loads with the
 * script it references, and `/api/health` answers ok with the database ok. Throwing fails the canary run.
 *
 * Plain Node.js with no dependencies (not even the Synthetics library), so the same file is tested
 * locally against the local stack (test/services/synthetics/site-check.test.ts).
 * SITE_URL: the site's origin, e.g. https://d123.cloudfront.net
 */

const timeoutMs = 10_000;

/**
 * @param {string} url
 * @returns {Promise<{ status: number, contentType: string, body: string }>}
 */
async function get(url) {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: { 'user-agent': 'goal-mandala-site-check', 'cache-control': 'no-cache' },
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/**
 * Checks the site once; resolves with what it saw, rejects with one line naming what is wrong.
 * @param {string} siteUrl
 * @returns {Promise<{ page: string, script: string, version: string }>}
 */
export async function checkSite(siteUrl) {
  const origin = siteUrl.replace(/\/+$/, '');
  const page = await get(`${origin}/`);
  if (page.status !== 200 || !page.contentType.includes('text/html')) {
    throw new Error(`GET ${origin}/: HTTP ${page.status} ${page.contentType}, expected the app's HTML page`);
  }
  // The page is only as good as its script: a release whose assets are missing shows a blank page.
  const src = /<script[^>]+src="([^"]+)"/i.exec(page.body)?.[1];
  if (!src) throw new Error(`GET ${origin}/: the page references no script`);
  const scriptUrl = new URL(src, `${origin}/`).href;
  const script = await get(scriptUrl);
  if (script.status !== 200 || !/javascript/.test(script.contentType)) {
    throw new Error(
      `GET ${scriptUrl}: HTTP ${script.status} ${script.contentType}, expected the app's script`,
    );
  }
  const health = await get(`${origin}/api/health`);
  /** @type {{ status?: unknown, database?: unknown, version?: unknown }} */
  let body = {};
  try {
    body = JSON.parse(health.body);
  } catch {
    // reported below
  }
  if (health.status !== 200 || body.status !== 'ok' || body.database !== 'ok') {
    throw new Error(`GET ${origin}/api/health: HTTP ${health.status} ${health.body.slice(0, 120)}`);
  }
  return { page: `${origin}/`, script: scriptUrl, version: String(body.version) };
}

/** The canary's entry point (handler `index.handler`). */
export const handler = async () => {
  const siteUrl = process.env.SITE_URL;
  if (!siteUrl) throw new Error('SITE_URL is not set');
  const seen = await checkSite(siteUrl);
  console.log(`site check passed: ${seen.page} with ${seen.script}, API version ${seen.version}`);
  return seen;
};
