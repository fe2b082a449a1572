/**
 * Runs the real CloudFront Function code in node against a stub of the KeyValueStore API
 * (`cf.kvs(id).get(key)`, which throws for a missing key as CloudFront's does).
 */
import { describe, expect, it } from 'vitest';
import { releaseRouterCode } from '../../../stages/private/release-router-code.js';
import { type FunctionResponse, loadRouter, STORE_ID, viewerRequest } from './router-harness.js';

const RELEASES = { active: 'a1b2c3d4e5f6', candidate: 'f6e5d4c3b2a1', previous: '0123456789ab' };

describe('release router (CloudFront Function)', () => {
  it('is CloudFront Functions JS 2.0 source: imports only cloudfront, exports nothing, opens the stack-given store', () => {
    const source = releaseRouterCode(STORE_ID);
    expect(source).toMatch(/^import cf from 'cloudfront';/);
    expect(source).not.toMatch(/\bexport\b/);
    expect(source).not.toContain('__KVS_ID__');
    expect(Buffer.byteLength(source)).toBeLessThan(10 * 1024); // CloudFront's function size limit
    const { openedStores } = loadRouter(RELEASES);
    expect(openedStores).toEqual([STORE_ID]);
  });

  it('sends the site root and app routes to the active release index.html (SPA fallback)', async () => {
    const { handler, reads } = loadRouter(RELEASES);
    expect(await handler(viewerRequest('/'))).toMatchObject({ uri: '/releases/a1b2c3d4e5f6/index.html' });
    expect(await handler(viewerRequest('/goals/42'))).toMatchObject({
      uri: '/releases/a1b2c3d4e5f6/index.html',
    });
    expect(reads).toEqual(['active', 'active']);
  });

  it('keeps file paths inside the active release', async () => {
    const { handler } = loadRouter(RELEASES);
    expect(await handler(viewerRequest('/favicon.ico'))).toMatchObject({
      uri: '/releases/a1b2c3d4e5f6/favicon.ico',
    });
    expect(await handler(viewerRequest('/index.html'))).toMatchObject({
      uri: '/releases/a1b2c3d4e5f6/index.html',
    });
    // What the installable app and search engines ask for at the root: the active release's own files.
    for (const file of ['/robots.txt', '/sw.js', '/manifest.webmanifest', '/icons/icon-192.png']) {
      expect(await handler(viewerRequest(file))).toMatchObject({ uri: `/releases/a1b2c3d4e5f6${file}` });
    }
  });

  it('leaves release paths alone so a loaded page keeps its own assets across a switch', async () => {
    const { handler, reads } = loadRouter(RELEASES);
    const uri = '/releases/0123456789ab/assets/index-abc.js';
    expect(await handler(viewerRequest(uri))).toMatchObject({ uri });
    expect(reads).toEqual([]);
  });

  it('serves the candidate to a viewer sending the preview header', async () => {
    const { handler } = loadRouter(RELEASES);
    const request = viewerRequest('/', { headers: { 'x-release-preview': { value: 'candidate' } } });
    expect(await handler(request)).toMatchObject({ uri: '/releases/f6e5d4c3b2a1/index.html' });
  });

  it('serves the candidate (or previous) to a viewer with the preview cookie', async () => {
    const { handler } = loadRouter(RELEASES);
    const candidate = viewerRequest('/goals/1', { cookies: { 'release-preview': { value: 'candidate' } } });
    expect(await handler(candidate)).toMatchObject({ uri: '/releases/f6e5d4c3b2a1/index.html' });
    const previous = viewerRequest('/robots.txt', { cookies: { 'release-preview': { value: 'previous' } } });
    expect(await handler(previous)).toMatchObject({ uri: '/releases/0123456789ab/robots.txt' });
  });

  it('ignores a preview value that is not a pointer', async () => {
    const { handler, reads } = loadRouter(RELEASES);
    const request = viewerRequest('/', { headers: { 'x-release-preview': { value: '../../secret' } } });
    expect(await handler(request)).toMatchObject({ uri: '/releases/a1b2c3d4e5f6/index.html' });
    expect(reads).toEqual(['active']);
  });

  it('answers 503 (not cached) when no release is published under the pointer', async () => {
    const { handler } = loadRouter({ active: 'a1b2c3d4e5f6' });
    const response = (await handler(
      viewerRequest('/', { headers: { 'x-release-preview': { value: 'candidate' } } }),
    )) as FunctionResponse;
    expect(response.statusCode).toBe(503);
    expect(response.headers['cache-control']).toEqual({ value: 'no-store' });
    expect(response.body.data).toContain('candidate');
    const empty = (await loadRouter({}).handler(viewerRequest('/'))) as FunctionResponse;
    expect(empty.statusCode).toBe(503);
  });

  it('never turns a malformed store value into a path', async () => {
    const { handler } = loadRouter({ active: '../private' });
    expect(await handler(viewerRequest('/'))).toMatchObject({ statusCode: 503 });
  });
});

describe('opting in to a preview from a browser', () => {
  it('?release-preview=candidate redirects to the same page with the preview cookie set for an hour', async () => {
    const { handler, reads } = loadRouter(RELEASES);
    const event = viewerRequest('/goals/7');
    event.request.querystring = { 'release-preview': { value: 'candidate' } };
    const response = (await handler(event)) as FunctionResponse & {
      cookies: Record<string, { value: string; attributes: string }>;
    };
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toEqual({ value: '/goals/7' });
    expect(response.cookies['release-preview']).toEqual({
      value: 'candidate',
      attributes: 'Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600',
    });
    expect(reads).toEqual([]);
  });

  it('?release-preview=active (or anything else) clears the cookie', async () => {
    const { handler } = loadRouter(RELEASES);
    for (const value of ['active', '../x']) {
      const event = viewerRequest('/');
      event.request.querystring = { 'release-preview': { value } };
      const response = (await handler(event)) as FunctionResponse & {
        cookies: Record<string, { value: string; attributes: string }>;
      };
      expect(response.cookies['release-preview']!.value).toBe('');
      expect(response.cookies['release-preview']!.attributes).toContain('Max-Age=0');
    }
  });
});
