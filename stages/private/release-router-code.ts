/**
 * The release router's source (services/edge/release-router.js) with the KeyValueStore id and the shared
 * preview header, cookie and release id pattern (../release-routing.ts) filled in. Read at synth by the edge
 * stack (which puts it into the CloudFront Function) and by the tests (which run it in node against a stub store).
 */
import { readFileSync } from 'node:fs';
import { PREVIEW_COOKIE, PREVIEW_HEADER, RELEASE_ID_PATTERN } from '../release-routing.js';

export const RELEASE_ROUTER_PATH = new URL('../../services/edge/release-router.js', import.meta.url);

/** Placeholder in release-router.js → what replaces it (a CloudFront Function cannot import). */
const FILLED_IN_AT_SYNTH = {
  __PREVIEW_HEADER__: PREVIEW_HEADER,
  __PREVIEW_COOKIE__: PREVIEW_COOKIE,
  '/__RELEASE_ID_PATTERN__/': RELEASE_ID_PATTERN.toString(),
} as const;
export const KVS_ID_PLACEHOLDER = '__KVS_ID__';

export function releaseRouterCode(keyValueStoreId: string): string {
  let code = readFileSync(RELEASE_ROUTER_PATH, 'utf8');
  for (const [placeholder, value] of Object.entries({
    [KVS_ID_PLACEHOLDER]: keyValueStoreId,
    ...FILLED_IN_AT_SYNTH,
  })) {
    if (!code.includes(placeholder))
      throw new Error(`release-router.js: the placeholder ${placeholder} is missing`);
    code = code.replaceAll(placeholder, value);
  }
  return code;
}
