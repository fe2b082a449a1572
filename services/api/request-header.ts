/** A request header by name, whatever its case (REST APIs pass header names as the client sent them). */
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** `name` in its usual spelling (`Authorization`, `CloudFront-Viewer-Address`). */
export function requestHeader(
  headers: APIGatewayProxyEvent['headers'] | null,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  // The usual spellings first: a scan lowercasing every name is the fallback, not the rule.
  const lower = name.toLowerCase();
  const direct = headers[lower] ?? headers[name];
  if (direct !== undefined) return direct;
  for (const key in headers) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}
