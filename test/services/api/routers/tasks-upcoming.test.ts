/**
 * tasks/upcoming (the Today view): overdue and soon-due tasks across all the user's goals, with goal and
 * action, bounded, and nobody else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../helpers/db.js';
import { failure } from '../../../helpers/trpc-failure.js';
import { signedUpUser } from '../caller.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const today = '2026-12-10';

async function personWithTasks() {
  const person = await signedUpUser(db.pool, 'today');
  const { caller } = person;
  const run = await caller.goals.create({ title: 'Run a marathon' });
  const read = await caller.goals.create({ title: 'Read more' });
  await caller.goals.setAction({
    goalId: run.id,
    subGoalPosition: 1,
    position: 2,
    title: 'Long run on Sundays',
  });
  const add = (goalId: string, title: string, dueDate: string | null, s = 1, a = 2) =>
    caller.tasks.create({ goalId, subGoalPosition: s, actionPosition: a, title, dueDate });
  const overdue = await add(run.id, 'Overdue', '2026-12-01');
  const overdueDone = await add(run.id, 'Overdue but done', '2026-12-02');
  await caller.tasks.update({ taskId: overdueDone.id, status: 'done' });
  const dueToday = await add(read.id, 'Due today', today, 0, 0);
  const doneToday = await add(read.id, 'Done today', today, 0, 1);
  await caller.tasks.update({ taskId: doneToday.id, status: 'done' });
  const inAWeek = await add(run.id, 'In a week', '2026-12-17');
  await add(run.id, 'Too far', '2026-12-18');
  await add(run.id, 'No date', null);
  return { ...person, run, read, overdue, dueToday, doneToday, inAWeek };
}

describe('tasks/upcoming', () => {
  it('lists unfinished overdue tasks and every task due within the days, soonest first, with goal and action', async () => {
    const p = await personWithTasks();
    const upcoming = await p.caller.tasks.upcoming({ today, days: 7 });
    expect(upcoming.map((task) => task.title)).toEqual(['Overdue', 'Due today', 'Done today', 'In a week']);
    expect(upcoming[0]).toEqual({
      id: p.overdue.id,
      goalId: p.run.id,
      title: 'Overdue',
      status: 'todo',
      dueDate: '2026-12-01',
      subGoalPosition: 1,
      actionPosition: 2,
      repeat: null,
      periodDone: 0,
      doneToday: false,
      goalTitle: 'Run a marathon',
      actionTitle: 'Long run on Sundays',
    });
    expect(upcoming[1]).toMatchObject({ goalTitle: 'Read more', actionTitle: '', status: 'todo' });
  });

  it('defaults to a week, and 0 days is today only', async () => {
    const p = await personWithTasks();
    expect((await p.caller.tasks.upcoming({ today })).map((t) => t.title)).toContain('In a week');
    expect((await p.caller.tasks.upcoming({ today, days: 0 })).map((t) => t.title)).toEqual([
      'Overdue',
      'Due today',
      'Done today',
    ]);
    // Without input: the server's date; the answer is still a list of the person's tasks.
    expect(Array.isArray(await p.caller.tasks.upcoming())).toBe(true);
  });

  it('is bounded by limit, and shows nobody else’s tasks', async () => {
    const p = await personWithTasks();
    expect(await p.caller.tasks.upcoming({ today, limit: 2 })).toHaveLength(2);
    const stranger = await signedUpUser(db.pool, 'stranger');
    expect(await stranger.caller.tasks.upcoming({ today, days: 60 })).toEqual([]);
  });

  it.each([
    [{ days: 61 }, 'days'],
    [{ days: -1 }, 'days'],
    [{ days: 1.5 }, 'days'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 201 }, 'limit'],
    [{ today: '2026-02-30' }, 'today'],
  ])('rejects %j naming %s', async (input, field) => {
    const p = await signedUpUser(db.pool, 'bad');
    const error = await failure(p.caller.tasks.upcoming(input));
    expect(error.code).toBe('BAD_REQUEST');
    const issues = (error.cause as unknown as { issues: { path: string[] }[] }).issues;
    expect(issues.map((i) => i.path.join('.'))).toEqual([field]);
  });
});
