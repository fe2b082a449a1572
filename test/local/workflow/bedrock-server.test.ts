/**
 * The local Bedrock endpoint behaves like the service at the protocol level: HTTP/2, SigV4-signed
 * InvokeModel requests only, Anthropic Messages bodies, AWS error shapes.
 */
import { connect } from 'node:http2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalBedrockServer } from '../../../local/workflow/bedrock-server.js';
import { buildPrompt } from '../../../services/workflow/model/prompts.js';

let server: LocalBedrockServer;
beforeAll(async () => {
  server = await LocalBedrockServer.start();
});
afterAll(async () => {
  await server.stop();
});

function request(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type?: string; body: string }>((resolve, reject) => {
    const session = connect(server.url);
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/json',
      ...headers,
    });
    let data = '';
    let status = 0;
    let type: string | undefined;
    stream.on('response', (h) => {
      status = Number(h[':status']);
      type = h['x-amzn-errortype'] as string | undefined;
    });
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => (data += chunk));
    stream.on('end', () => {
      session.close();
      resolve({ status, type, body: data });
    });
    stream.end(JSON.stringify(body));
  });
}

const signed = {
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/ap-northeast-1/bedrock/aws4_request',
};
const prompt = buildPrompt({
  kind: 'subGoals',
  language: 'en',
  goal: 'Run',
  description: '',
  keep: [],
  count: 2,
  maxLength: 40,
});
const body = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 100,
  messages: [{ role: 'user', content: [{ type: 'text', text: prompt.user }] }],
};

it('answers a signed InvokeModel request with an Anthropic Messages response', async () => {
  const res = await request('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke', body, signed);
  expect(res.status).toBe(200);
  const parsed = JSON.parse(res.body) as { type: string; content: { text: string }[] };
  expect(parsed.type).toBe('message');
  expect(JSON.parse(parsed.content[0]!.text).titles).toHaveLength(2);
  expect(server.calls.at(-1)).toMatchObject({
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    outcome: 'answered',
  });
});

it('rejects unsigned requests, unknown operations and bodies that are not Messages requests', async () => {
  expect(await request('/model/m/invoke', body)).toMatchObject({
    status: 403,
    type: 'AccessDeniedException',
  });
  expect(await request('/model/m/converse', body, signed)).toMatchObject({ status: 404 });
  expect(await request('/model/m/invoke', { prompt: 'hi' }, signed)).toMatchObject({
    status: 400,
    type: 'ValidationException',
  });
});

it('throttles with the error type the SDK maps to ThrottlingException', async () => {
  server.configure({ throttle: 1 });
  expect(await request('/model/m/invoke', body, signed)).toMatchObject({
    status: 429,
    type: 'ThrottlingException',
  });
  expect((await request('/model/m/invoke', body, signed)).status).toBe(200);
});
