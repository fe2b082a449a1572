/**
 * The client's IP address, for the sign-in throttle and the reset-request limit. Behind CloudFront it is the
 * `CloudFront-Viewer-Address` header (`ip:port`), which CloudFront sets from the viewer's own connection; the
 * `/api/*` behaviour's managed AllViewerExceptHostHeader origin request policy forwards it
 * (stages/edge-stack.ts). It is believed only when the request carries CloudFront's origin-verify secret
 * (./origin-verify.ts): a caller of API Gateway's own URL could otherwise claim a new address every time.
 *
 * Not `X-Forwarded-For`: CloudFront *appends* the viewer's address to whatever X-Forwarded-For the viewer
 * sent (and API Gateway appends again), so its first entry is whatever an attacker writes there, and a
 * guesser could claim a new address on every request. Otherwise (the local stack, a direct call to API
 * Gateway) it is API Gateway's `requestContext.identity.sourceIp`, the connection's peer.
 */
import { isIP } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { cameThroughCloudFront } from './origin-verify.js';
import { requestHeader } from './request-header.js';

/** What a request whose address cannot be told is counted as (all such requests share one count). */
export const UNKNOWN_ADDRESS = 'unknown';

/** `originVerifySecretArn` absent (the local stack: nothing in front of it), no viewer header is believed. */
export async function clientAddress(
  event: Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>,
  originVerifySecretArn: string | undefined,
): Promise<string> {
  const viewer = requestHeader(event.headers, 'CloudFront-Viewer-Address');
  const fromCloudFront = viewer === undefined ? undefined : withoutPort(viewer.trim());
  if (
    fromCloudFront &&
    isIP(fromCloudFront) &&
    (await cameThroughCloudFront(event.headers, originVerifySecretArn))
  ) {
    return fromCloudFront.toLowerCase();
  }
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
