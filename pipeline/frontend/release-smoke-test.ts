/**
 * Smoke test of a release THROUGH CloudFront before it becomes active: with the preview header the
 * site root must answer the release's own index.html (its `<meta name="release">`), a deep link with the
 * preview cookie must answer the same page (SPA fallback), every script and stylesheet it references
 * must load, and `/api/health` must answer through the same distribution. The KeyValueStore reaches
 * the edge within seconds, so the test retries for a while before failing.
 */
import { PREVIEW_COOKIE, PREVIEW_HEADER } from '../../stages/release-routing.js';

export interface SmokeTestOptions {
  /** `https://<distribution domain>` (output `SiteUrl`). */
  readonly siteUrl: string;
  readonly releaseId: string;
  /** Which pointer to preview. @default 'candidate' */
  readonly pointer?: 'candidate' | 'active';
  /** @default 12 */
  readonly attempts?: number;
  /** Wait between attempts. @default 5000 */
  readonly waitMs?: number;
  /** @default the global fetch */
  readonly fetch?: typeof fetch;
  readonly log?: (line: string) => void;
}

/** Resolves to null when the release passed, else the last failure as one line. */
export async function smokeTestRelease(options: SmokeTestOptions): Promise<string | null> {
  const attempts = options.attempts ?? 12;
  const log = options.log ?? (() => {});
  let reason = 'not tried';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const failure = await checkOnce(options);
      if (failure === null) return null;
      reason = failure;
    } catch (error) {
      reason = `${(error as Error).message}`;
    }
    log(`release smoke test: attempt ${attempt}/${attempts} failed: ${reason}`);
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, options.waitMs ?? 5000));
  }
  return reason;
}

async function checkOnce(options: SmokeTestOptions): Promise<string | null> {
  const doFetch = options.fetch ?? fetch;
  const site = options.siteUrl.replace(/\/+$/, '');
  const pointer = options.pointer ?? 'candidate';
  const viaHeader = { [PREVIEW_HEADER]: pointer };
  const viaCookie = { cookie: `${PREVIEW_COOKIE}=${pointer}` };

  const home = await doFetch(`${site}/`, { headers: viaHeader });
  const html = await home.text();
  if (home.status !== 200) return `${site}/ (${pointer}): HTTP ${home.status}`;
  const served = releaseOf(html);
  if (served !== options.releaseId)
    return `${site}/ (${pointer}) serves release ${served ?? 'unknown'}, not ${options.releaseId}`;

  const deep = await doFetch(`${site}/goals/release-smoke-test`, { headers: viaCookie });
  const deepHtml = await deep.text();
  if (deep.status !== 200 || releaseOf(deepHtml) !== options.releaseId) {
    return `SPA fallback with the preview cookie: HTTP ${deep.status}, release ${releaseOf(deepHtml) ?? 'unknown'}`;
  }

  const assets = assetUrls(html);
  if (assets.length === 0) return `${site}/ references no script or stylesheet`;
  for (const asset of assets) {
    const url = new URL(asset, `${site}/`).toString();
    const answer = await doFetch(url, { headers: viaHeader });
    await answer.arrayBuffer();
    if (answer.status !== 200) return `${url}: HTTP ${answer.status}`;
  }

  const health = await doFetch(`${site}/api/health`);
  const body = (await health.json().catch(() => ({}))) as { status?: string };
  if (health.status !== 200 || body.status !== 'ok')
    return `${site}/api/health: HTTP ${health.status} status=${body.status}`;
  return null;
}

/** The release id stamped into index.html by the build. */
export function releaseOf(html: string): string | null {
  return /<meta\s+name="release"\s+content="([^"]*)"/.exec(html)?.[1] ?? null;
}

/** Scripts and stylesheets a page loads (the build's own assets). */
export function assetUrls(html: string): string[] {
  const urls = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\srel="stylesheet"[^>]*\shref="([^"]+)"/g),
  ];
  return urls.map((match) => match[1]!);
}
