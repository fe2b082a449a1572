import cf from 'cloudfront';

// Blue/green release router: a CloudFront Function (JavaScript runtime 2.0) on viewer requests of the
// site's default behaviour. Every frontend build is an immutable release under `releases/<id>/` in the
// site bucket; the KeyValueStore's `active` key names the release viewers get. A viewer asking for a
// preview (header `x-release-preview: candidate` or cookie `release-preview=candidate`) gets the
// `candidate` release instead, which is how the pipeline smoke-tests a release through CloudFront
// before switching `active` to it. `previous` is kept for instant switching back. A person opts in or
// out in a browser with `?release-preview=candidate` (or `previous`, or `active` to leave): the answer is
// a redirect that sets or clears the cookie.
//
// The store id, the preview header and cookie names and the release id pattern are filled in when the edge
// stack synthesizes (stages/private/release-router-code.ts; the values: stages/release-routing.ts), since a
// CloudFront Function cannot import them.
const kvsHandle = cf.kvs('__KVS_ID__');

const PREVIEW_HEADER = '__PREVIEW_HEADER__';
const PREVIEW_COOKIE = '__PREVIEW_COOKIE__';
const PREVIEW_POINTERS = ['candidate', 'previous'];
// Release ids are what the pipeline writes (git commits); anything else never becomes a path.
const RELEASE_ID = /__RELEASE_ID_PATTERN__/;

// CloudFront calls `handler` by name; nothing in this file calls it.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
async function handler(event) {
  const request = event.request;
  // A page's assets are referenced by their release's own path: already resolved, never switched.
  if (request.uri.startsWith('/releases/')) return request;
  const optIn = request.querystring[PREVIEW_COOKIE];
  if (optIn) return previewCookieRedirect(request.uri, optIn.value);

  const pointer = pointerFor(request);
  // get() rejects when the key does not exist (nothing published yet) or the store fails: answered below.
  const release = await kvsHandle.get(pointer).catch(function () {
    return null;
  });
  if (typeof release !== 'string' || !RELEASE_ID.test(release)) {
    return {
      statusCode: 503,
      statusDescription: 'Service Unavailable',
      headers: {
        'content-type': { value: 'text/plain; charset=utf-8' },
        'cache-control': { value: 'no-store' },
      },
      body: { encoding: 'text', data: 'No ' + pointer + ' release is published.' },
    };
  }

  request.uri = releasePath(release, request.uri);
  return request;
}

/** `active`, unless the viewer asked for a preview pointer by header or cookie. */
function pointerFor(request) {
  const header = request.headers[PREVIEW_HEADER];
  const cookie = request.cookies[PREVIEW_COOKIE];
  const wanted = header ? header.value : cookie ? cookie.value : '';
  return PREVIEW_POINTERS.indexOf(wanted) === -1 ? 'active' : wanted;
}

/** Files keep their path inside the release; anything else is an app route: the release's index.html. */
function releasePath(release, uri) {
  const lastSegment = uri.slice(uri.lastIndexOf('/') + 1);
  return lastSegment.indexOf('.') === -1
    ? '/releases/' + release + '/index.html'
    : '/releases/' + release + uri;
}

/** Sets (or, for anything but a preview pointer, clears) the preview cookie and reloads the page. */
function previewCookieRedirect(uri, wanted) {
  const preview = PREVIEW_POINTERS.indexOf(wanted) !== -1;
  const cookies = {};
  cookies[PREVIEW_COOKIE] = {
    value: preview ? wanted : '',
    attributes: 'Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=' + (preview ? '3600' : '0'),
  };
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: { location: { value: uri }, 'cache-control': { value: 'no-store' } },
    cookies: cookies,
  };
}
