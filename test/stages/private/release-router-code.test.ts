/**
 * The release router (runtime, services/edge/release-router.js) and the pipeline's frontend commands must agree
 * on the preview header, cookie and release id pattern: they are written once (stages/release-routing.ts) and
 * filled into the router at synth. This runs the router as synthesized and drives it with the shared values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELEASE_ROUTER_PATH, releaseRouterCode } from '../../../stages/private/release-router-code.js';
import {
  PREVIEW_COOKIE,
  PREVIEW_HEADER,
  RELEASE_ID_PATTERN,
  RELEASE_POINTERS,
  releasePrefix,
} from '../../../stages/release-routing.js';
import {
  type FunctionResponse,
  isResponse,
  loadRouter,
  STORE_ID,
  viewerRequest,
} from '../../services/edge/router-harness.js';

const RELEASES = {
  [RELEASE_POINTERS.active]: 'a1b2c3d4e5f6',
  [RELEASE_POINTERS.candidate]: 'f6e5d4c3b2a1',
  [RELEASE_POINTERS.previous]: '0123456789ab',
};

describe('release router code (synth time)', () => {
  it('fills in every placeholder of the runtime file', () => {
    expect(readFileSync(RELEASE_ROUTER_PATH, 'utf8')).toMatch(/__PREVIEW_HEADER__/);
    const code = releaseRouterCode(STORE_ID);
    expect(code).not.toMatch(/__[A-Z_]+__/);
    expect(code).toContain(`cf.kvs('${STORE_ID}')`);
    expect(code).toContain(RELEASE_ID_PATTERN.toString());
  });

  it('routes the shared preview header and cookie to the shared pointer keys', async () => {
    const { handler, reads } = loadRouter(RELEASES);
    const byHeader = viewerRequest('/', {
      headers: { [PREVIEW_HEADER]: { value: RELEASE_POINTERS.candidate } },
    });
    expect(await handler(byHeader)).toMatchObject({
      uri: `/${releasePrefix(RELEASES.candidate)}index.html`,
    });
    const byCookie = viewerRequest('/a.js', {
      cookies: { [PREVIEW_COOKIE]: { value: RELEASE_POINTERS.previous } },
    });
    expect(await handler(byCookie)).toMatchObject({ uri: `/${releasePrefix(RELEASES.previous)}a.js` });
    expect(await handler(viewerRequest('/'))).toMatchObject({
      uri: `/${releasePrefix(RELEASES.active)}index.html`,
    });
    expect(reads).toEqual([RELEASE_POINTERS.candidate, RELEASE_POINTERS.previous, RELEASE_POINTERS.active]);
  });

  it('sets the shared cookie when a viewer opts in', async () => {
    const { handler } = loadRouter(RELEASES);
    const request = viewerRequest('/');
    request.request.querystring = { [PREVIEW_COOKIE]: { value: RELEASE_POINTERS.candidate } };
    const answer = (await handler(request)) as FunctionResponse & {
      cookies: Record<string, { value: string }>;
    };
    expect(answer.statusCode).toBe(302);
    expect(Object.keys(answer.cookies)).toEqual([PREVIEW_COOKIE]);
    expect(answer.cookies[PREVIEW_COOKIE]!.value).toBe(RELEASE_POINTERS.candidate);
  });

  it('serves exactly the release ids the shared pattern accepts', async () => {
    for (const id of ['a', 'v1.2_3-rc', 'x'.repeat(64), '-leading', 'x'.repeat(65), 'a/b', '..']) {
      const answer = await loadRouter({ [RELEASE_POINTERS.active]: id }).handler(viewerRequest('/'));
      expect({ id, served: !isResponse(answer) }).toEqual({ id, served: RELEASE_ID_PATTERN.test(id) });
    }
  });
});
