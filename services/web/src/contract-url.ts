/**
 * tRPC's client names a procedure `service.procedure` in the URL (`/api/goals.get`), while the API
 * contract serves it at `/api/<service>/<procedure>` (one Lambda per service behind `/api/<service>/{proxy+}`).
 * tRPC only allows `.`, `_`, `~` or `-` as its path separator, so the link's fetch rewrites the first dot
 * of the last path segment into a slash. The query string (`?input=…`) is left as it is.
 */
export function toContractUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const lastSlash = path.lastIndexOf('/');
  const segment = path.slice(lastSlash + 1).replace('.', '/');
  return path.slice(0, lastSlash + 1) + segment + query;
}
