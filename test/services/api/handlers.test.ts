/**
 * The Lambda handlers as API Gateway calls them: tRPC's HTTP shape, status codes (400 / 401 / 404 / 503,
 * never a 500 for client mistakes), no stack traces, health degrading and recovering with the database,
 * and log lines free of passwords and tokens.
 */
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as authHandler } from '../../../services/api/handlers/auth.js';
import { handler as goalsHandler } from '../../../services/api/handlers/goals.js';
import { handler as healthHandler } from '../../../services/api/handlers/health.js';
import { handler as reflectionsHandler } from '../../../services/api/handlers/reflections.js';
import { closePool, getPool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { logger } from '../../../services/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { apiEvent, lambdaContext } from './events.js';

let db: TestDatabase;
let token: string;

beforeAll(async () => {
  logger.setLogLevel('SILENT'); // the logging test turns it on for itself
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_MAX = String(db.real ? 4 : 1);
  process.env.APP_VERSION = 'abc123def';
  resetRuntimeEnv();
  const signUp = await call(authHandler, {
    service: 'auth',
    procedure: 'signUp',
    body: JSON.stringify({ email: 'handler@example.com', password: 'password123', name: 'H' }),
  });
  token = JSON.parse(signUp.body).result.data.accessToken;
});
afterAll(async () => {
  await closePool();
  await db?.close();
});

type Handler = (event: ReturnType<typeof apiEvent>, context: typeof lambdaContext) => Promise<unknown>;

async function call(handler: Handler, opts: Parameters<typeof apiEvent>[0]): Promise<APIGatewayProxyResult> {
  return (await handler(apiEvent(opts), lambdaContext)) as APIGatewayProxyResult;
}

const health = async () => (await healthHandler()) as APIGatewayProxyResult;

describe('tRPC over API Gateway events', () => {
  it('serves a mutation from the POST body and a query from ?input=', async () => {
    const created = await call(goalsHandler, {
      service: 'goals',
      procedure: 'create',
      token,
      body: '{"title":"Via Lambda"}',
    });
    expect(created.statusCode).toBe(200);
    const goal = JSON.parse(created.body).result.data;
    const read = await call(goalsHandler, {
      service: 'goals',
      procedure: 'get',
      token,
      input: { goalId: goal.id },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers?.['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(read.body).result.data).toMatchObject({ id: goal.id, title: 'Via Lambda' });
  });

  it('answers 400 naming the field, with no stack', async () => {
    const res = await call(goalsHandler, {
      service: 'goals',
      procedure: 'create',
      token,
      body: '{"title":"x","deadline":"soon"}',
    });
    expect(res.statusCode).toBe(400);
    const { error } = JSON.parse(res.body);
    expect(error.message).toMatch(/^deadline: /);
    expect(error.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      fields: [{ field: 'deadline', message: expect.any(String), problem: 'invalid_format' }],
    });
    expect(res.body).not.toMatch(/stack|\.ts:\d+|at .*\(/);
  });

  it('says what is wrong with each field in a form any language can word: problem and limit', async () => {
    const res = await call(authHandler, {
      service: 'auth',
      procedure: 'signUp',
      body: JSON.stringify({ email: 'short@example.com', password: 'short', name: 'x'.repeat(101) }),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.data.fields).toEqual([
      { field: 'password', message: 'must be at least 8 characters', problem: 'too_small', limit: 8 },
      { field: 'name', message: 'must be at most 100 characters', problem: 'too_big', limit: 100 },
    ]);
  });

  it('answers 400 for malformed JSON, never 500', async () => {
    const res = await call(goalsHandler, {
      service: 'goals',
      procedure: 'create',
      token,
      body: '{"title": "unterminated',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.data.code).toBe('BAD_REQUEST');
  });

  it('answers 404 for an unknown procedure and 405 for the wrong method', async () => {
    const unknown = await call(goalsHandler, { service: 'goals', procedure: 'explode', token, input: {} });
    expect(unknown.statusCode).toBe(404);
    const wrongMethod = await call(goalsHandler, {
      service: 'goals',
      procedure: 'create',
      method: 'GET',
      token,
      input: { title: 'x' },
    });
    expect(wrongMethod.statusCode).toBe(405);
  });

  it('answers 401 without a token and 409 for a taken e-mail', async () => {
    expect((await call(goalsHandler, { service: 'goals', procedure: 'list' })).statusCode).toBe(401);
    const again = await call(authHandler, {
      service: 'auth',
      procedure: 'signUp',
      body: JSON.stringify({ email: 'HANDLER@example.com', password: 'password123', name: 'H2' }),
    });
    expect(again.statusCode).toBe(409);
  });

  it('hides a server fault: 500 with a generic message, no SQL error, no stack', async () => {
    const pool = await getPool();
    const fault = Object.assign(new Error('relation "reflections" does not exist'), { code: '42P01' });
    const spy = vi.spyOn(pool, 'query').mockRejectedValueOnce(fault as never);
    try {
      const res = await call(reflectionsHandler, {
        service: 'reflections',
        procedure: 'list',
        token,
        input: { goalId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(res.statusCode).toBe(500);
      const { error } = JSON.parse(res.body);
      expect(error.message).toBe('Internal server error');
      expect(res.body).not.toMatch(/reflections|relation|stack/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('health and a database outage', () => {
  it('reports ok with the build version', async () => {
    const res = await health();
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', version: 'abc123def', database: 'ok' });
  });

  it('answers 503 while the database is away, then recovers by itself', async () => {
    await db.goAway();
    try {
      const down = await health();
      expect(down.statusCode).toBe(503);
      expect(JSON.parse(down.body)).toEqual({
        status: 'degraded',
        version: 'abc123def',
        database: 'unreachable',
      });
      const procedure = await call(goalsHandler, { service: 'goals', procedure: 'list', token });
      expect(procedure.statusCode).toBe(503);
      expect(JSON.parse(procedure.body).error.data.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await db.comeBack();
    }
    await vi.waitFor(async () => expect((await health()).statusCode).toBe(200), {
      timeout: 10_000,
      interval: 200,
    });
    expect((await call(goalsHandler, { service: 'goals', procedure: 'list', token })).statusCode).toBe(200);
  });
});

describe('logs', () => {
  it('carry request ids and never a password or token', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    logger.setLogLevel('INFO');
    try {
      const signIn = await call(authHandler, {
        service: 'auth',
        procedure: 'signIn',
        body: JSON.stringify({ email: 'handler@example.com', password: 'password123' }),
      });
      const fresh = JSON.parse(signIn.body).result.data.accessToken as string;
      await call(authHandler, {
        service: 'auth',
        procedure: 'signIn',
        body: '{"email":"handler@example.com","password":"wrong-secret-pw"}',
      });
      await call(goalsHandler, { service: 'goals', procedure: 'list', token: fresh });
      const refused = apiEvent({ service: 'goals', procedure: 'list', token: 'forged.token.value' });
      expect(((await goalsHandler(refused, lambdaContext)) as APIGatewayProxyResult).statusCode).toBe(401);
      logger.info('a careless line', {
        password: 'password123',
        nested: { authorization: `Bearer ${fresh}` },
      });
      const output = lines.join('');
      expect(output).toContain('"requestId"');
      expect(output).toContain('"path":"signIn"');
      // A caller refused for want of a token is logged like any other outcome, with its request id.
      const refusal = output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.requestId === refused.requestContext.requestId);
      expect(refusal).toMatchObject({
        level: 'INFO',
        message: 'procedure',
        path: 'list',
        outcome: 'UNAUTHORIZED',
      });
      expect(refusal?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      for (const secret of ['password123', 'wrong-secret-pw', fresh, token])
        expect(output).not.toContain(secret);
    } finally {
      spy.mockRestore();
      logger.setLogLevel('SILENT');
    }
  });

  it('carry the Lambda invocation’s request id and cold start, as the runtime hands them over', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    logger.setLogLevel('INFO');
    const invocation = (awsRequestId: string): Context => ({
      awsRequestId,
      functionName: 'goal-mandala-staging-api-goals',
      functionVersion: '$LATEST',
      invokedFunctionArn:
        'arn:aws:lambda:ap-northeast-1:123456789012:function:goal-mandala-staging-api-goals',
      memoryLimitInMB: '512',
      logGroupName: '/aws/lambda/goal-mandala-staging-api-goals',
      logStreamName: '2026/12/01/[$LATEST]0123456789abcdef',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => 29_000,
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    });
    try {
      await goalsHandler(
        apiEvent({ service: 'goals', procedure: 'list', token }),
        invocation('lambda-req-1'),
      );
      await goalsHandler(
        apiEvent({ service: 'goals', procedure: 'list', token }),
        invocation('lambda-req-2'),
      );
    } finally {
      spy.mockRestore();
      logger.setLogLevel('SILENT');
    }
    const procedures = lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'procedure');
    expect(procedures.map((line) => line.function_request_id)).toEqual(['lambda-req-1', 'lambda-req-2']);
    // This container served requests before: no invocation here is its first.
    expect(procedures.map((line) => typeof line.cold_start)).toEqual(['boolean', 'boolean']);
    expect(procedures[1]!.cold_start).toBe(false);
  });
});
