/**
 * What the edge stack's release router (services/edge/release-router.js) and the pipeline's frontend
 * commands agree on, written once: the store's pointer keys, how a viewer asks for a preview, what a
 * release id may look like and where a release lives in the site bucket. The router gets the header,
 * cookie and id pattern filled in at synth (stages/private/release-router-code.ts).
 */

/** The store keys the router and the pipeline share. */
export const RELEASE_POINTERS = { active: 'active', candidate: 'candidate', previous: 'previous' } as const;
/** Header and cookie that ask the router for a preview pointer (`candidate` or `previous`). */
export const PREVIEW_HEADER = 'x-release-preview';
export const PREVIEW_COOKIE = 'release-preview';
/** What a release id may look like: the router refuses anything else (it becomes part of a path). */
export const RELEASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Where release `id` lives in the site bucket. */
export const releasePrefix = (releaseId: string): string => `releases/${releaseId}/`;
