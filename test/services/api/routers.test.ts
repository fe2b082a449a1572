/**
 * Every procedure's happy path and its input validation, through createCaller (no HTTP), on a fresh
 * database (embedded PGlite, or TEST_DATABASE_URL).
 */
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { callerWithToken, signedUpUser, type Caller } from './caller.js';
import { failure } from '../../helpers/trpc-failure.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** Names of the fields a validation error reports. */
function fields(error: TRPCError): string[] {
  return (error.cause as unknown as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));
}

describe('auth', () => {
  it('signs up, signs in with any e-mail case, and answers me', async () => {
    const anonymous = await callerWithToken(db.pool);
    const up = await anonymous.auth.signUp({
      email: 'Ada@Example.com',
      password: 'lovelace1815',
      name: 'Ada',
    });
    expect(up.user).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada' });
    expect(up.accessToken.split('.')).toHaveLength(3);

    const inResult = await anonymous.auth.signIn({ email: 'ADA@example.COM', password: 'lovelace1815' });
    expect(inResult.user).toEqual(up.user);
    const me = await (await callerWithToken(db.pool, inResult.accessToken)).auth.me();
    expect(me).toEqual(up.user);
  });

  it('stores a scrypt hash at full cost, never the password', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', undefined); // npm test's minimum cost (vitest.config.ts) off for this one
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    await (
      await callerWithToken(db.pool)
    ).auth.signUp({ email: 'hash@example.com', password: 'plain-text-pw', name: 'H' });
    const { rows } = await db.pool.query("SELECT password_hash FROM users WHERE email = 'hash@example.com'");
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain('plain-text-pw');
  });

  it('answers CONFLICT for a taken e-mail, whatever its case', async () => {
    const anonymous = await callerWithToken(db.pool);
    await anonymous.auth.signUp({ email: 'taken@example.com', password: 'password1', name: 'T' });
    const error = await failure(
      anonymous.auth.signUp({ email: 'TAKEN@example.com', password: 'password2', name: 'U' }),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('answers UNAUTHORIZED for a wrong password and for an unknown e-mail alike', async () => {
    const anonymous = await callerWithToken(db.pool);
    await anonymous.auth.signUp({ email: 'pw@example.com', password: 'password1', name: 'P' });
    const wrong = await failure(anonymous.auth.signIn({ email: 'pw@example.com', password: 'password2' }));
    const unknown = await failure(
      anonymous.auth.signIn({ email: 'nobody@example.com', password: 'password1' }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(unknown.message).toBe(wrong.message);
  });

  it.each([
    [{ email: 'not-an-email', password: 'password1', name: 'N' }, 'email'],
    [{ email: 'short@example.com', password: 'short', name: 'N' }, 'password'],
    [{ email: 'noname@example.com', password: 'password1', name: '  ' }, 'name'],
  ])('rejects bad sign-up input naming the field (%o)', async (input, field) => {
    const error = await failure((await callerWithToken(db.pool)).auth.signUp(input));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fields(error)).toEqual([field]);
  });
});

describe('goals', () => {
  let user: { caller: Caller };
  beforeAll(async () => {
    user = await signedUpUser(db.pool, 'goals');
  });

  it('creates a goal with an empty 8×8 chart and reads it back whole', async () => {
    const goal = await user.caller.goals.create({
      title: 'Run a marathon',
      description: 'in 2027',
      deadline: '2027-10-01',
    });
    expect(goal).toEqual({
      id: expect.any(String),
      title: 'Run a marathon',
      description: 'in 2027',
      deadline: '2027-10-01',
      updatedAt: expect.stringMatching(/\.\d{6}Z$/),
    });

    const chart = await user.caller.goals.get({ goalId: goal.id });
    expect(chart).toMatchObject({
      id: goal.id,
      title: 'Run a marathon',
      description: 'in 2027',
      deadline: '2027-10-01',
    });
    expect(chart.subGoals.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const subGoal of chart.subGoals) {
      expect(subGoal.title).toBe('');
      expect(subGoal.actions).toEqual(
        [0, 1, 2, 3, 4, 5, 6, 7].map((position) => ({
          position,
          title: '',
          drafted: false,
          updatedAt: expect.stringMatching(/\.\d{6}Z$/),
        })),
      );
    }
  });

  it('fills cells with setSubGoal and setAction, and empties them with ""', async () => {
    const goal = await user.caller.goals.create({ title: 'Learn Japanese' });
    expect(await user.caller.goals.setSubGoal({ goalId: goal.id, position: 7, title: ' Kanji ' })).toEqual({
      goalId: goal.id,
      position: 7,
      title: 'Kanji',
      updatedAt: expect.stringMatching(/\.\d{6}Z$/),
    });
    await user.caller.goals.setAction({
      goalId: goal.id,
      subGoalPosition: 7,
      position: 0,
      title: '10 a day',
    });
    await user.caller.goals.setAction({ goalId: goal.id, subGoalPosition: 0, position: 7, title: 'tmp' });
    await user.caller.goals.setAction({ goalId: goal.id, subGoalPosition: 0, position: 7, title: '' });

    const chart = await user.caller.goals.get({ goalId: goal.id });
    expect(chart.subGoals[7]!.title).toBe('Kanji');
    expect(chart.subGoals[7]!.actions[0]).toMatchObject({ position: 0, title: '10 a day', drafted: false });
    expect(chart.subGoals[0]!.actions[7]).toMatchObject({ position: 7, title: '', drafted: false });
    expect(chart.description).toBe('');
    expect(chart.deadline).toBeNull();
  });

  it('lists own goals with progress from their tasks (percent done)', async () => {
    const fresh = await signedUpUser(db.pool, 'progress');
    const a = await fresh.caller.goals.create({ title: 'A', deadline: '2030-01-31' });
    const b = await fresh.caller.goals.create({ title: 'B' });
    const tasks = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        fresh.caller.tasks.create({ goalId: a.id, subGoalPosition: i, actionPosition: 0, title: `t${i}` }),
      ),
    );
    await fresh.caller.tasks.update({ taskId: tasks[0]!.id, status: 'done' });
    expect(await fresh.caller.goals.list()).toEqual([
      { id: a.id, title: 'A', deadline: '2030-01-31', progress: 25 },
      { id: b.id, title: 'B', deadline: null, progress: 0 },
    ]);
  });

  it('updates only the given fields, clears the deadline with null, and deletes', async () => {
    const goal = await user.caller.goals.create({
      title: 'Old',
      description: 'keep',
      deadline: '2028-02-29',
    });
    // Each update answers the goal's new version (updatedAt).
    expect(await user.caller.goals.update({ goalId: goal.id, title: 'New' })).toEqual({
      ...goal,
      title: 'New',
      updatedAt: expect.not.stringMatching(goal.updatedAt),
    });
    expect(await user.caller.goals.update({ goalId: goal.id, deadline: null })).toEqual({
      ...goal,
      title: 'New',
      deadline: null,
      updatedAt: expect.stringMatching(/\.\d{6}Z$/),
    });
    expect(await user.caller.goals.delete({ goalId: goal.id })).toEqual({ deleted: true });
    expect((await failure(user.caller.goals.get({ goalId: goal.id }))).code).toBe('NOT_FOUND');
    expect((await failure(user.caller.goals.delete({ goalId: goal.id }))).code).toBe('NOT_FOUND');
  });

  it.each([
    ['create', { title: '' }, 'title'],
    ['create', { title: 'x', deadline: '2027-02-30' }, 'deadline'],
    ['get', { goalId: 'not-a-uuid' }, 'goalId'],
    ['setSubGoal', { goalId: '00000000-0000-4000-8000-000000000000', position: 8, title: 'x' }, 'position'],
    [
      'setAction',
      { goalId: '00000000-0000-4000-8000-000000000000', subGoalPosition: -1, position: 0, title: 'x' },
      'subGoalPosition',
    ],
    [
      'setAction',
      { goalId: '00000000-0000-4000-8000-000000000000', subGoalPosition: 0, position: 1.5, title: 'x' },
      'position',
    ],
    ['update', { goalId: '00000000-0000-4000-8000-000000000000', title: 'x'.repeat(201) }, 'title'],
  ] as const)('goals.%s rejects bad input naming the field (%o)', async (procedure, input, field) => {
    const call = (user.caller.goals as Record<string, (i: unknown) => Promise<unknown>>)[procedure]!(input);
    const error = await failure(call);
    expect(error.code).toBe('BAD_REQUEST');
    expect(fields(error)[0]).toBe(field);
  });
});

describe('tasks', () => {
  it('creates, lists, updates and deletes tasks of an action cell', async () => {
    const { caller } = await signedUpUser(db.pool, 'tasks');
    const goal = await caller.goals.create({ title: 'Ship it' });
    expect(await caller.tasks.list({ goalId: goal.id })).toEqual([]);

    const task = await caller.tasks.create({
      goalId: goal.id,
      subGoalPosition: 3,
      actionPosition: 5,
      title: 'Write tests',
      dueDate: '2027-01-15',
    });
    expect(task).toEqual({
      id: expect.any(String),
      goalId: goal.id,
      title: 'Write tests',
      status: 'todo',
      dueDate: '2027-01-15',
      subGoalPosition: 3,
      actionPosition: 5,
      repeat: null,
      periodDone: 0,
      doneToday: false,
    });
    const doing = await caller.tasks.update({ taskId: task.id, status: 'doing' });
    expect(doing).toEqual({ ...task, status: 'doing' });
    const renamed = await caller.tasks.update({ taskId: task.id, title: 'Write more tests', dueDate: null });
    expect(renamed).toEqual({ ...task, status: 'doing', title: 'Write more tests', dueDate: null });
    expect(await caller.tasks.list({ goalId: goal.id })).toEqual([renamed]);

    expect(await caller.tasks.delete({ taskId: task.id })).toEqual({ deleted: true });
    expect(await caller.tasks.list({ goalId: goal.id })).toEqual([]);
    expect((await failure(caller.tasks.update({ taskId: task.id, status: 'done' }))).code).toBe('NOT_FOUND');
  });

  it('goes with its goal when the goal is deleted', async () => {
    const { caller } = await signedUpUser(db.pool, 'cascade');
    const goal = await caller.goals.create({ title: 'Temporary' });
    const task = await caller.tasks.create({
      goalId: goal.id,
      subGoalPosition: 0,
      actionPosition: 0,
      title: 'x',
    });
    await caller.goals.delete({ goalId: goal.id });
    const { rowCount } = await db.pool.query('SELECT 1 FROM tasks WHERE id = $1', [task.id]);
    expect(rowCount).toBe(0);
  });

  it.each([
    [
      'create',
      { goalId: '00000000-0000-4000-8000-000000000000', subGoalPosition: 0, actionPosition: 9, title: 't' },
      'actionPosition',
    ],
    ['update', { taskId: '00000000-0000-4000-8000-000000000000', status: 'finished' }, 'status'],
    ['update', { taskId: '00000000-0000-4000-8000-000000000000', dueDate: 'tomorrow' }, 'dueDate'],
    ['list', {}, 'goalId'],
  ] as const)('tasks.%s rejects bad input naming the field (%o)', async (procedure, input, field) => {
    const { caller } = await signedUpUser(db.pool, 'taskinput');
    const call = (caller.tasks as Record<string, (i: unknown) => Promise<unknown>>)[procedure]!(input);
    const error = await failure(call);
    expect(error.code).toBe('BAD_REQUEST');
    expect(fields(error)[0]).toBe(field);
  });
});

describe('reflections', () => {
  it('creates, lists newest first, and deletes reflections', async () => {
    const { caller } = await signedUpUser(db.pool, 'reflect');
    const goal = await caller.goals.create({ title: 'Write daily' });
    const older = await caller.reflections.create({
      goalId: goal.id,
      content: 'Slow start',
      rating: 2,
      date: '2026-01-01',
    });
    const newer = await caller.reflections.create({ goalId: goal.id, content: 'Better', date: '2026-02-01' });
    expect(older).toEqual({
      id: expect.any(String),
      goalId: goal.id,
      date: '2026-01-01',
      content: 'Slow start',
      rating: 2,
    });
    expect(newer.rating).toBeNull();
    const today = await caller.reflections.create({ goalId: goal.id, content: 'Today', rating: 5 });
    expect(today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await caller.reflections.list({ goalId: goal.id })).map((r) => r.id)).toEqual([
      today.id,
      newer.id,
      older.id,
    ]);
    expect(await caller.reflections.delete({ reflectionId: older.id })).toEqual({ deleted: true });
    expect((await caller.reflections.list({ goalId: goal.id })).map((r) => r.id)).toEqual([
      today.id,
      newer.id,
    ]);
  });

  it.each([
    [{ content: 'x', rating: 6 }, 'rating'],
    [{ content: 'x', rating: 0 }, 'rating'],
    [{ content: '' }, 'content'],
    [{ content: 'x', date: '2026-13-01' }, 'date'],
  ])('rejects bad input naming the field (%o)', async (input, field) => {
    const { caller } = await signedUpUser(db.pool, 'reflinput');
    const goal = await caller.goals.create({ title: 'G' });
    const error = await failure(caller.reflections.create({ goalId: goal.id, ...input }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fields(error)[0]).toBe(field);
  });
});
