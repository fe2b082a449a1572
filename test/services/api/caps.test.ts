/**
 * The caps of services/db/limits.ts: a create at the cap answers 409 naming it (with `data.cap` for the web
 * app), concurrent creates never pass it (on the real PostgreSQL they race for real), and reflections/list
 * pages through a goal's reflections newest first.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as tasksHandler } from '../../../services/api/handlers/tasks.js';
import {
  maxGoalsPerUser,
  maxReflectionsPerGoal,
  maxTasksPerAction,
  reflectionsPageSize,
} from '../../../services/db/limits.js';
import { closePool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { failedFields, failure } from '../../helpers/trpc-failure.js';
import { signedUpUser, type Caller } from './caller.js';
import { apiEvent, lambdaContext } from './events.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  // The handler test uses the process pool on the same database; PGlite takes one connection.
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_MAX = String(db.real ? 4 : 1);
  resetRuntimeEnv();
});
afterAll(async () => {
  await closePool();
  await db?.close();
});

/** Concurrent calls: on the real PostgreSQL all at once, each its own connection. */
const racing = 12;

async function outcomes(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => (s.status === 'fulfilled' ? 'ok' : (s.reason as { message: string }).message));
}

async function userWithGoal(): Promise<{ caller: Caller; id: string; token: string; goalId: string }> {
  const user = await signedUpUser(db.pool, 'caps');
  return { ...user, goalId: (await user.caller.goals.create({ title: 'Capped' })).id };
}

describe('goals per user', () => {
  it(`racing creates stop at ${maxGoalsPerUser}; the next answers 409 naming the cap`, async () => {
    const { caller, id } = await signedUpUser(db.pool, 'goals');
    // All but a few made at once in SQL; the last ones race through the API.
    await db.pool.query(
      `INSERT INTO goals (user_id, title) SELECT $1, 'G' || n FROM generate_series(1, $2) n`,
      [id, maxGoalsPerUser - 3],
    );
    const answers = await outcomes(
      Array.from({ length: racing }, (_, i) => caller.goals.create({ title: `Racer ${i}` })),
    );
    expect(answers.filter((a) => a === 'ok')).toHaveLength(3);
    expect(new Set(answers.filter((a) => a !== 'ok'))).toEqual(
      new Set([`goals: at most ${maxGoalsPerUser} per user`]),
    );
    expect(await caller.goals.list()).toHaveLength(maxGoalsPerUser);
    const refused = await failure(caller.goals.create({ title: 'One more' }));
    expect(refused.code).toBe('CONFLICT');
  });
});

describe('tasks per action', () => {
  it(`racing creates stop at ${maxTasksPerAction} on one action; other actions keep room`, async () => {
    const { caller, goalId } = await userWithGoal();
    await db.pool.query(
      `INSERT INTO tasks (goal_id, sub_goal_position, action_position, title)
       SELECT $1, 2, 5, 'T' || n FROM generate_series(1, $2) n`,
      [goalId, maxTasksPerAction - 2],
    );
    const create = (i: number) =>
      caller.tasks.create({ goalId, subGoalPosition: 2, actionPosition: 5, title: `Racer ${i}` });
    const answers = await outcomes(Array.from({ length: racing }, (_, i) => create(i)));
    expect(answers.filter((a) => a === 'ok')).toHaveLength(2);
    expect(new Set(answers.filter((a) => a !== 'ok'))).toEqual(
      new Set([`tasks: at most ${maxTasksPerAction} per action`]),
    );
    const tasks = await caller.tasks.list({ goalId });
    expect(tasks.filter((t) => t.subGoalPosition === 2 && t.actionPosition === 5)).toHaveLength(
      maxTasksPerAction,
    );
    await caller.tasks.create({ goalId, subGoalPosition: 2, actionPosition: 6, title: 'Elsewhere' });
  });

  it('answers 409 over HTTP with the cap named in error.data.cap, for the web app to word', async () => {
    const { token, goalId } = await userWithGoal();
    await db.pool.query(
      `INSERT INTO tasks (goal_id, sub_goal_position, action_position, title)
       SELECT $1, 0, 0, 'T' || n FROM generate_series(1, $2) n`,
      [goalId, maxTasksPerAction],
    );
    const answer = (await tasksHandler(
      apiEvent({
        service: 'tasks',
        procedure: 'create',
        token,
        body: JSON.stringify({ goalId, subGoalPosition: 0, actionPosition: 0, title: 'Too many' }),
      }),
      lambdaContext,
    )) as APIGatewayProxyResult;
    expect(answer.statusCode).toBe(409);
    expect(JSON.parse(answer.body).error).toMatchObject({
      message: `tasks: at most ${maxTasksPerAction} per action`,
      data: { code: 'CONFLICT', httpStatus: 409, cap: { name: 'tasksPerAction', max: maxTasksPerAction } },
    });
  });
});

describe('reflections per goal', () => {
  it(`racing creates stop at ${maxReflectionsPerGoal}`, async () => {
    const { caller, goalId } = await userWithGoal();
    await db.pool.query(
      `INSERT INTO reflections (goal_id, content) SELECT $1, 'R' || n FROM generate_series(1, $2) n`,
      [goalId, maxReflectionsPerGoal - 1],
    );
    const answers = await outcomes(
      Array.from({ length: racing }, (_, i) => caller.reflections.create({ goalId, content: `Racer ${i}` })),
    );
    expect(answers.filter((a) => a === 'ok')).toHaveLength(1);
    expect(new Set(answers.filter((a) => a !== 'ok'))).toEqual(
      new Set([`reflections: at most ${maxReflectionsPerGoal} per goal`]),
    );
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM reflections WHERE goal_id = $1', [
      goalId,
    ]);
    expect(rows[0].n).toBe(maxReflectionsPerGoal);
  });
});

describe('reflections/list pages', () => {
  it('answers the newest page by default and the rest after `before`, each once, newest first', async () => {
    const { caller, goalId } = await userWithGoal();
    const total = reflectionsPageSize + 5;
    // Two per date, so the keyset's tie-breaks (written later first, then id) are exercised.
    await db.pool.query(
      `INSERT INTO reflections (goal_id, content, date, created_at)
       SELECT $1, 'R' || n, DATE '2026-01-01' + n / 2, now() + n * interval '1 second'
         FROM generate_series(1, $2) n`,
      [goalId, total],
    );
    const first = await caller.reflections.list({ goalId });
    expect(first).toHaveLength(reflectionsPageSize);
    expect(first[0]!.content).toBe(`R${total}`);
    const second = await caller.reflections.list({ goalId, before: first.at(-1)!.id });
    expect(second.map((r) => r.content)).toEqual(['R5', 'R4', 'R3', 'R2', 'R1']);
    expect(await caller.reflections.list({ goalId, before: second.at(-1)!.id })).toEqual([]);
    const small = await caller.reflections.list({ goalId, limit: 2, before: first[1]!.id });
    expect(small).toEqual(first.slice(2, 4));
  });

  it('refuses a page size over the cap and a cursor that is not one of the goal’s reflections', async () => {
    const { caller, goalId } = await userWithGoal();
    const other = await userWithGoal();
    const theirs = await other.caller.reflections.create({ goalId: other.goalId, content: 'Theirs' });
    const tooMany = await failure(caller.reflections.list({ goalId, limit: reflectionsPageSize + 1 }));
    expect(failedFields(tooMany)).toEqual(['limit']);
    const foreign = await failure(caller.reflections.list({ goalId, before: theirs.id }));
    expect([foreign.code, foreign.message]).toEqual(['NOT_FOUND', 'reflection not found']);
    const notMine = await failure(other.caller.reflections.list({ goalId }));
    expect([notMine.code, notMine.message]).toEqual(['NOT_FOUND', 'goal not found']);
  });
});
