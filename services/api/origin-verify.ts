/**
 * Whether a request came through the site's CloudFront distribution: CloudFront adds `X-Origin-Verify` to
 * every request it sends the API origin (stages/edge-stack.ts), valued with a Secrets Manager secret that
 * only CloudFront and the API functions can read. A viewer cannot pass it on by sending the header itself:
 * "If a header is present, CloudFront overwrites the header value before forwarding the request to the
 * origin" (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html);
 * a caller of API Gateway's own URL does not know the value.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { getSecretString } from '../shared/secrets.js';
import { requestHeader } from './request-header.js';

/** The custom origin header CloudFront sends to the API. */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';

/**
 * True only when the header equals the secret `secretArn` names (cached, services/shared/secrets.ts; the
 * Lambda entry passes ORIGIN_VERIFY_SECRET_ARN). Without one (the local stack) nothing came through CloudFront.
 */
export async function cameThroughCloudFront(
  headers: APIGatewayProxyEvent['headers'] | null,
  secretArn: string | undefined,
): Promise<boolean> {
  const sent = requestHeader(headers, ORIGIN_VERIFY_HEADER);
  if (!secretArn || sent === undefined) return false;
  return sameValue(sent, await getSecretString(secretArn));
}

/** Constant-time for equal lengths; the length is no secret (the generated value has a fixed one). */
function sameValue(sent: string, expected: string): boolean {
  const given = Buffer.from(sent);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
