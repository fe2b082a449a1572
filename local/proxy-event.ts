/** Turns a local HTTP request into the API Gateway (REST, payload 1.0) proxy event the handlers get in AWS. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/**
 * @param resource API Gateway resource, e.g. `/api/goals/{proxy+}` or `/api/health`
 * @param proxy    the `{proxy+}` part of the path, already URL-decoded (as API Gateway passes it)
 */
export function toProxyEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  resource: string,
  proxy?: string,
): APIGatewayProxyEvent {
  // Single-value maps keep the last value, as API Gateway does; built in the same pass as the lists.
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    (multiValueHeaders[name] ??= []).push(value);
    headers[name] = value;
  }
  const query: Record<string, string> = {};
  const multiValueQuery: Record<string, string[]> = {};
  let hasQuery = false;
  for (const [key, value] of url.searchParams) {
    (multiValueQuery[key] ??= []).push(value);
    query[key] = value;
    hasQuery = true;
  }
  const method = req.method ?? 'GET';
  const requestId = randomUUID();
  const now = Date.now();
  const text = body.length > 0 ? body.toString('utf8') : null;
  return {
    resource,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters: proxy === undefined ? null : { proxy },
    stageVariables: null,
    body: text,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      domainName: req.headers.host ?? 'localhost',
      httpMethod: method,
      identity: {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? null,
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        user: null,
        userArn: null,
      },
      path: `/local${url.pathname}`,
      protocol: `HTTP/${req.httpVersion}`,
      requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: resource,
      stage: 'local',
    },
  };
}
