/**
 * The release router's source, with the KeyValueStore id filled in. Read by the edge stack (which puts
 * it into the CloudFront Function) and by the tests (which run it in node against a stub store).
 */
import { readFileSync } from 'node:fs';

export const KVS_ID_PLACEHOLDER = '__KVS_ID__';
export const RELEASE_ROUTER_PATH = new URL('./release-router.js', import.meta.url);

/** The store keys the router and the pipeline share. */
export const RELEASE_POINTERS = { active: 'active', candidate: 'candidate', previous: 'previous' } as const;
/** Header and cookie that ask the router for a preview pointer (`candidate` or `previous`). */
export const PREVIEW_HEADER = 'x-release-preview';
export const PREVIEW_COOKIE = 'release-preview';
/** What a release id may look like: the router refuses anything else (it becomes part of a path). */
export const RELEASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Where release `id` lives in the site bucket. */
export const releasePrefix = (releaseId: string): string => `releases/${releaseId}/`;

export function releaseRouterCode(keyValueStoreId: string): string {
  const code = readFileSync(RELEASE_ROUTER_PATH, 'utf8');
  if (!code.includes(KVS_ID_PLACEHOLDER))
    throw new Error('release-router.js: the KeyValueStore id placeholder is missing');
  return code.replace(KVS_ID_PLACEHOLDER, keyValueStoreId);
}
