/**
 * Hostile input answers 400 naming the field, never 500: NUL (and other control characters) in any text
 * field, dates PostgreSQL cannot store (year 0000) or outside the sane range; and batching is off, so one
 * request is one procedure call.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as authHandler } from '../../../services/api/handlers/auth.js';
import { handler as goalsHandler } from '../../../services/api/handlers/goals.js';
import { closePool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { failedFields, failure } from '../../helpers/trpc-failure.js';
import { callerWithToken, signedUpUser, type Caller } from './caller.js';
import { apiEvent, lambdaContext } from './events.js';

let db: TestDatabase;
let caller: Caller;
let token: string;
let goalId: string;
let taskId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  // The handlers (batching test) use the process pool on the same database; PGlite takes one connection.
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_MAX = '1';
  resetRuntimeEnv();
  const user = await signedUpUser(db.pool, 'hostile');
  ({ caller, token } = user);
  goalId = (await caller.goals.create({ title: 'Hostile' })).id;
  taskId = (await caller.tasks.create({ goalId, subGoalPosition: 0, actionPosition: 0, title: 'T' })).id;
});
afterAll(async () => {
  await closePool();
  await db?.close();
});

const nul = 'before\u0000after';

describe('a NUL byte in a text field', () => {
  const cases: [string, string, () => Promise<unknown>][] = [
    ['goals/create title', 'title', () => caller.goals.create({ title: nul })],
    ['goals/create description', 'description', () => caller.goals.create({ title: 'G', description: nul })],
    ['goals/update title', 'title', () => caller.goals.update({ goalId, title: nul })],
    ['goals/update description', 'description', () => caller.goals.update({ goalId, description: nul })],
    ['goals/setSubGoal title', 'title', () => caller.goals.setSubGoal({ goalId, position: 1, title: nul })],
    [
      'goals/setAction title',
      'title',
      () => caller.goals.setAction({ goalId, subGoalPosition: 1, position: 2, title: nul }),
    ],
    [
      'tasks/create title',
      'title',
      () => caller.tasks.create({ goalId, subGoalPosition: 0, actionPosition: 0, title: nul }),
    ],
    ['tasks/update title', 'title', () => caller.tasks.update({ taskId, title: nul })],
    ['reflections/create content', 'content', () => caller.reflections.create({ goalId, content: nul })],
    [
      'auth/signUp name',
      'name',
      async () =>
        (await callerWithToken(db.pool)).auth.signUp({
          email: 'nul@example.com',
          password: 'long enough',
          name: nul,
        }),
    ],
  ];
  it.each(cases)('%s answers 400 naming %s', async (_, field, call) => {
    const error = await failure(call());
    expect(failedFields(error)).toEqual([field]);
  });

  it('other control characters are refused too, while tabs and new lines stay', async () => {
    expect(failedFields(await failure(caller.goals.create({ title: 'bell\u0007' })))).toEqual(['title']);
    const kept = await caller.reflections.create({ goalId, content: 'line one\n\tline two' });
    expect(kept.content).toBe('line one\n\tline two');
  });
});

describe('dates PostgreSQL cannot store, or no one means', () => {
  const cases: [string, string, (date: string) => Promise<unknown>][] = [
    ['goals/create deadline', 'deadline', (date) => caller.goals.create({ title: 'D', deadline: date })],
    ['goals/update deadline', 'deadline', (date) => caller.goals.update({ goalId, deadline: date })],
    [
      'tasks/create dueDate',
      'dueDate',
      (date) =>
        caller.tasks.create({ goalId, subGoalPosition: 0, actionPosition: 0, title: 'D', dueDate: date }),
    ],
    ['tasks/update dueDate', 'dueDate', (date) => caller.tasks.update({ taskId, dueDate: date })],
    ['reflections/create date', 'date', (date) => caller.reflections.create({ goalId, content: 'D', date })],
  ];
  for (const date of ['0000-01-01', '0000-02-29', '1899-12-31', '3000-01-01', '9999-12-31']) {
    it.each(cases)(`%s ${date} answers 400 naming %s`, async (_, field, call) => {
      expect(failedFields(await failure(call(date)))).toEqual([field]);
    });
  }

  it('the range ends are stored as given', async () => {
    expect((await caller.goals.update({ goalId, deadline: '1900-01-01' })).deadline).toBe('1900-01-01');
    expect((await caller.goals.update({ goalId, deadline: '2999-12-31' })).deadline).toBe('2999-12-31');
  });
});

describe('batching', () => {
  async function call(handler: typeof goalsHandler, event: ReturnType<typeof apiEvent>) {
    return (await handler(event, lambdaContext)) as APIGatewayProxyResult;
  }

  it('a batch of queries answers 400 and runs none of them', async () => {
    const event = apiEvent({ service: 'goals', procedure: 'list,list,list', token });
    event.queryStringParameters = { batch: '1', input: '{}' };
    event.multiValueQueryStringParameters = { batch: ['1'], input: ['{}'] };
    const result = await call(goalsHandler, event);
    expect(result.statusCode).toBe(400);
    expect(result.body).not.toContain('"result"');
  });

  it('a batch of sign-ins answers 400 without checking a password', async () => {
    const attempts = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [
        String(i),
        { email: 'victim@example.com', password: `guess${i}` },
      ]),
    );
    const event = apiEvent({
      service: 'auth',
      procedure: Array.from({ length: 50 }, () => 'signIn').join(','),
      body: JSON.stringify(attempts),
    });
    event.queryStringParameters = { batch: '1' };
    event.multiValueQueryStringParameters = { batch: ['1'] };
    const result = await call(authHandler, event);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).not.toBeInstanceOf(Array); // one error, not 50 answers
  });

  it('a single call still works', async () => {
    const result = await call(goalsHandler, apiEvent({ service: 'goals', procedure: 'list', token }));
    expect(result.statusCode).toBe(200);
  });
});
