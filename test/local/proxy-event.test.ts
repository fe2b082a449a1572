/** The local stack hands handlers the same API Gateway REST proxy event shape AWS does. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toProxyEvent } from '../../local/proxy-event.js';

let captured: APIGatewayProxyEvent;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url!, 'http://localhost');
    captured = toProxyEvent(req, url, Buffer.concat(chunks), '/api/goals/{proxy+}', 'setAction');
    res.end();
  });
});
let base: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('carries resource, {proxy+}, method, headers, query and body like API Gateway', async () => {
  await fetch(`${base}/api/goals/setAction?x=1&x=2&y=%C3%A9`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: 'Bearer t' },
    body: '{"a":1}',
  });
  expect(captured).toMatchObject({
    resource: '/api/goals/{proxy+}',
    path: '/api/goals/setAction',
    httpMethod: 'POST',
    pathParameters: { proxy: 'setAction' },
    queryStringParameters: { x: '2', y: 'é' },
    multiValueQueryStringParameters: { x: ['1', '2'], y: ['é'] },
    body: '{"a":1}',
    isBase64Encoded: false,
    requestContext: { stage: 'local', resourcePath: '/api/goals/{proxy+}', httpMethod: 'POST' },
  });
  expect(captured.headers.Authorization ?? captured.headers.authorization).toBe('Bearer t');
  expect(captured.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
});

it('stamps the request time as API Gateway does', async () => {
  const before = Date.now();
  await fetch(`${base}/api/goals/list`);
  const { requestTime, requestTimeEpoch } = captured.requestContext;
  expect(requestTimeEpoch).toBeGreaterThanOrEqual(before);
  expect(requestTimeEpoch).toBeLessThanOrEqual(Date.now());
  const d = new Date(requestTimeEpoch);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const two = (n: number) => String(n).padStart(2, '0');
  expect(requestTime).toBe(
    `${two(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:` +
      `${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`,
  );
});

it('has null body and query for a bare GET', async () => {
  await fetch(`${base}/api/goals/list`);
  expect(captured.body).toBeNull();
  expect(captured.queryStringParameters).toBeNull();
  expect(captured.httpMethod).toBe('GET');
});
