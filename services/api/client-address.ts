/**
 * The client's IP address, for the sign-in throttle. Behind CloudFront it is the `CloudFront-Viewer-Address`
 * header (`ip:port`), which CloudFront sets from the viewer's own connection; the `/api/*` behaviour's
 * managed AllViewerExceptHostHeader origin request policy forwards it (stages/edge-stack.ts).
 *
 * Not `X-Forwarded-For`: CloudFront *appends* the viewer's address to whatever X-Forwarded-For the viewer
 * sent (and API Gateway appends again), so its first entry is whatever an attacker writes there, and a
 * guesser could claim a new address on every request. Without the CloudFront header (the local stack, a
 * direct call to API Gateway) it is API Gateway's `requestContext.identity.sourceIp`, the connection's peer.
 */
import { isIP } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { requestHeader } from './request-header.js';

/** What a request whose address cannot be told is counted as (all such requests share one count). */
export const UNKNOWN_ADDRESS = 'unknown';

export function clientAddress(event: Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>): string {
  const viewer = requestHeader(event.headers, 'CloudFront-Viewer-Address');
  const fromCloudFront = viewer === undefined ? undefined : withoutPort(viewer.trim());
  if (fromCloudFront && isIP(fromCloudFront)) return fromCloudFront.toLowerCase();
  const peer = event.requestContext?.identity?.sourceIp;
  return peer && isIP(peer) ? peer.toLowerCase() : UNKNOWN_ADDRESS;
}

/** `198.51.100.10:46532` → `198.51.100.10`; IPv6 comes unbracketed (`2001:db8::1:46532`), or bracketed. */
function withoutPort(value: string): string {
  const bracketed = /^\[([^\]]+)\]:\d+$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const lastColon = value.lastIndexOf(':');
  return lastColon > 0 && /^\d+$/.test(value.slice(lastColon + 1)) ? value.slice(0, lastColon) : value;
}
