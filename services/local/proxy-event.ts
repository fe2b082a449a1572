/** Turns a local HTTP request into the API Gateway (REST, payload 1.0) proxy event the handlers get in AWS. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';

function single(values: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v[v.length - 1]!]));
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
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    (multiValueHeaders[req.rawHeaders[i]!] ??= []).push(req.rawHeaders[i + 1]!);
  }
  const multiValueQuery: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (multiValueQuery[key] ??= []).push(value);
  const hasQuery = Object.keys(multiValueQuery).length > 0;
  const method = req.method ?? 'GET';
  const requestId = randomUUID();
  const now = Date.now();
  const text = body.length > 0 ? body.toString('utf8') : null;
  return {
    resource,
    path: url.pathname,
    httpMethod: method,
    headers: single(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: hasQuery ? single(multiValueQuery) : null,
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
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: resource,
      stage: 'local',
    },
  };
}
