/**
 * The schema's constraints hold by themselves (bad data cannot get in by any path), migrations apply once,
 * and the chart is read in one round trip.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getGoalChart, insertGoal } from '../../../services/db/goals.js';
import { migrationList } from '../../../services/db/migration-list.js';
import { withTransaction } from '../../../services/db/transaction.js';
import { insertUser } from '../../../services/db/users.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let db: TestDatabase;
let userId: string;
let goalId: string;

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterAll(async () => {
  await db?.close();
});

/** The SQLSTATE a statement fails with. */
async function sqlState(sql: string, params: unknown[] = []): Promise<string> {
  const error = await db.pool.query(sql, params).then(
    () => null,
    (e: { code?: string }) => e,
  );
  expect(error, `expected "${sql}" to fail`).not.toBeNull();
  return error!.code!;
}

describe('migrations', () => {
  it('apply on an empty database, then have nothing left to do', async () => {
    expect(await db.migrate()).toEqual(migrationList.map(([name]) => name));
    expect(await db.migrate()).toEqual([]);
    const user = await insertUser(db.pool, { email: 'schema@example.com', name: 'S', passwordHash: 'x' });
    userId = user!.id;
    goalId = (await insertGoal(db.pool, userId, { title: 'Constraints' }))!.id;
  });
});

describe('constraints', () => {
  it('make e-mail unique whatever its case', async () => {
    expect(
      await insertUser(db.pool, { email: 'SCHEMA@example.com', name: 'T', passwordHash: 'x' }),
    ).toBeNull();
  });

  it('create exactly 8 sub-goal and 64 action cells with a goal', async () => {
    const { rows } = await db.pool.query(
      `SELECT (SELECT count(*) FROM sub_goals WHERE goal_id = $1)::int AS s, (SELECT count(*) FROM actions WHERE goal_id = $1)::int AS a`,
      [goalId],
    );
    expect(rows[0]).toEqual({ s: 8, a: 64 });
  });

  it.each([
    ['a sub-goal position outside 0–7', `INSERT INTO sub_goals (goal_id, position) VALUES ($1, 8)`, '23514'],
    [
      'a second cell in one sub-goal slot',
      `INSERT INTO sub_goals (goal_id, position) VALUES ($1, 0)`,
      '23505',
    ],
    [
      'an action position outside 0–7',
      `INSERT INTO actions (goal_id, sub_goal_position, position) VALUES ($1, 0, -1)`,
      '23514',
    ],
    [
      'a second cell in one action slot',
      `INSERT INTO actions (goal_id, sub_goal_position, position) VALUES ($1, 0, 0)`,
      '23505',
    ],
    [
      'an action under a missing sub-goal',
      `UPDATE actions SET sub_goal_position = 9 WHERE goal_id = $1 AND sub_goal_position = 0 AND position = 0`,
      '23503',
    ],
    [
      'a task with an unknown status',
      `INSERT INTO tasks (goal_id, sub_goal_position, action_position, title, status) VALUES ($1, 0, 0, 't', 'later')`,
      '23514',
    ],
    [
      'a task on a missing action slot',
      `INSERT INTO tasks (goal_id, sub_goal_position, action_position, title) VALUES ($1, 0, 8, 't')`,
      '23503',
    ],
    [
      'an empty task title',
      `INSERT INTO tasks (goal_id, sub_goal_position, action_position, title) VALUES ($1, 0, 0, '')`,
      '23514',
    ],
    ['a rating of 6', `INSERT INTO reflections (goal_id, content, rating) VALUES ($1, 'c', 6)`, '23514'],
    ['a rating of 0', `INSERT INTO reflections (goal_id, content, rating) VALUES ($1, 'c', 0)`, '23514'],
    [
      'an AI job with an unknown status',
      `INSERT INTO ai_jobs (goal_id, user_id, status) SELECT $1, user_id, 'paused' FROM goals WHERE id = $1`,
      '23514',
    ],
  ])('reject %s', async (_, sql, code) => {
    expect(await sqlState(sql, [goalId])).toBe(code);
  });

  it('reject a goal of a missing user and an empty goal title', async () => {
    expect(
      await sqlState(
        `INSERT INTO goals (user_id, title) VALUES ('00000000-0000-4000-8000-000000000000', 'x')`,
      ),
    ).toBe('23503');
    expect(await sqlState(`INSERT INTO goals (user_id, title) VALUES ($1, '')`, [userId])).toBe('23514');
  });

  it('allow one unfinished AI job per goal, and a new one once it finished', async () => {
    const insertJob = `INSERT INTO ai_jobs (goal_id, user_id) VALUES ($1, $2) RETURNING id`;
    const first = (await db.pool.query(insertJob, [goalId, userId])).rows[0].id;
    expect(await sqlState(insertJob, [goalId, userId])).toBe('23505');
    await db.pool.query(`UPDATE ai_jobs SET status = 'running' WHERE id = $1`, [first]);
    expect(await sqlState(insertJob, [goalId, userId])).toBe('23505');
    await db.pool.query(`UPDATE ai_jobs SET status = 'failed', error = 'model timed out' WHERE id = $1`, [
      first,
    ]);
    expect((await db.pool.query(insertJob, [goalId, userId])).rowCount).toBe(1);
  });
});

describe('queries', () => {
  it('read the whole chart in one round trip', async () => {
    const spy = vi.spyOn(db.pool, 'query');
    const chart = await getGoalChart(db.pool, userId, goalId);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(chart!.subGoals).toHaveLength(8);
    expect(chart!.subGoals.flatMap((s) => s.actions)).toHaveLength(64);
  });

  it('still answer 8×8 slots if cells were missing', async () => {
    await db.pool.query('DELETE FROM sub_goals WHERE goal_id = $1 AND position = 5', [goalId]);
    const chart = await getGoalChart(db.pool, userId, goalId);
    expect(chart!.subGoals[5]).toEqual({
      position: 5,
      title: '',
      drafted: false,
      updatedAt: null, // no row (its actions went with it), so no version
      actions: [0, 1, 2, 3, 4, 5, 6, 7].map((position) => ({
        position,
        title: '',
        drafted: false,
        updatedAt: null,
      })),
    });
  });

  it('roll a failed transaction back whole', async () => {
    const failed = withTransaction(db.pool, async (client) => {
      await client.query(`UPDATE goals SET title = 'changed' WHERE id = $1`, [goalId]);
      await client.query(`INSERT INTO sub_goals (goal_id, position) VALUES ($1, 99)`, [goalId]);
    });
    await expect(failed).rejects.toMatchObject({ code: '23514' });
    const { rows } = await db.pool.query('SELECT title FROM goals WHERE id = $1', [goalId]);
    expect(rows[0].title).toBe('Constraints');
  });
});
