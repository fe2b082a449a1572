/** API Gateway REST proxy events as the api stack's `ANY /api/<service>/{proxy+}` delivers them. */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export function apiEvent(opts: {
  service: string;
  procedure: string;
  method?: 'GET' | 'POST';
  body?: string;
  input?: unknown;
  token?: string;
  /** More request headers, as the client (or CloudFront) sent them. */
  headers?: Record<string, string>;
  /** API Gateway's `requestContext.identity.sourceIp`: the connection's peer. */
  sourceIp?: string;
}): APIGatewayProxyEvent {
  const method = opts.method ?? (opts.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { Host: 'api.example.com', 'Content-Type': 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  Object.assign(headers, opts.headers);
  const query = opts.input !== undefined ? { input: JSON.stringify(opts.input) } : null;
  return {
    resource: `/api/${opts.service}/{proxy+}`,
    path: `/api/${opts.service}/${opts.procedure}`,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query && { input: [query.input] },
    pathParameters: { proxy: opts.procedure },
    stageVariables: null,
    body: opts.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      stage: 'v1',
      httpMethod: method,
      identity: { sourceIp: opts.sourceIp ?? '203.0.113.1' },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

export const lambdaContext = { awsRequestId: 'test-request', functionName: 'test' } as Context;
