/**
 * A plan, not just cells: repeating tasks and their done history, Today's "Anytime" tasks, progress by the
 * plan's rule on goals/list, and "Download my data" (auth/exportData).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxExportBytes, exportUserData } from '../../../../services/db/export-data.js';
import { createTestDatabase, type TestDatabase } from '../../../helpers/db.js';
import { failedFields, failure } from '../../../helpers/trpc-failure.js';
import { signedUpUser } from '../caller.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** Dates relative to the server's own: tasks/setDone accepts a week back to tomorrow. */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function goalWithAction(name = 'plan') {
  const person = await signedUpUser(db.pool, name);
  const goal = await person.caller.goals.create({ title: 'Run a marathon' });
  const add = (title: string, extra: Record<string, unknown> = {}, subGoal = 0, action = 0) =>
    person.caller.tasks.create({
      goalId: goal.id,
      subGoalPosition: subGoal,
      actionPosition: action,
      title,
      ...extra,
    });
  return { ...person, goal, add };
}

/** A completion on any day (the API only takes the last week): the history is data like any other. */
async function completedOn(taskId: string, ...dates: string[]): Promise<void> {
  for (const date of dates) {
    await db.pool.query('INSERT INTO task_completions (task_id, done_on) VALUES ($1, $2)', [taskId, date]);
  }
}

describe('repeating tasks', () => {
  it('are created with their rule, and one-off tasks answer repeat: null', async () => {
    const p = await goalWithAction();
    const run = await p.add('Easy run', { repeat: { every: 'week', times: 3 } });
    const stretch = await p.add('Stretch', { repeat: { every: 'day', times: 1 } });
    const once = await p.add('Buy shoes');
    expect(run).toMatchObject({ repeat: { every: 'week', times: 3 }, periodDone: 0, doneToday: false });
    expect(stretch.repeat).toEqual({ every: 'day', times: 1 });
    expect(once.repeat).toBeNull();
    const listed = await p.caller.tasks.list({ goalId: p.goal.id });
    expect(listed.map((task) => task.repeat)).toEqual([run.repeat, stretch.repeat, null]);
  });

  it.each([
    [{ every: 'week', times: 8 }, 'repeat.times'],
    [{ every: 'week', times: 0 }, 'repeat.times'],
    [{ every: 'day', times: 2 }, 'repeat.times'],
    [{ every: 'month', times: 1 }, 'repeat.every'],
  ])('refuse the rule %j, naming %s', async (repeat, field) => {
    const p = await goalWithAction('badrule');
    expect(failedFields(await failure(p.add('Run', { repeat })))).toEqual([field]);
  });

  it('refuse a bad rule in the database too', async () => {
    const p = await goalWithAction('dbrule');
    const task = await p.add('Run');
    await expect(
      db.pool.query("UPDATE tasks SET repeat_every = 'day', repeat_times = 3 WHERE id = $1", [task.id]),
    ).rejects.toThrow(/tasks_repeat_rule/);
    await expect(
      db.pool.query("UPDATE tasks SET repeat_every = 'week' WHERE id = $1", [task.id]),
    ).rejects.toThrow(/tasks_repeat_rule/);
  });

  it('are marked done by day: once a day counts once, and undoing takes it back', async () => {
    const p = await goalWithAction('done');
    const run = await p.add('Easy run', { repeat: { every: 'week', times: 3 } });
    const today = daysFromNow(0);
    const marked = await p.caller.tasks.setDone({ taskId: run.id, date: today, done: true });
    expect(marked).toMatchObject({ id: run.id, doneToday: true, periodDone: 1 });
    expect((await p.caller.tasks.setDone({ taskId: run.id, date: today, done: true })).periodDone).toBe(1);
    const undone = await p.caller.tasks.setDone({ taskId: run.id, date: today, done: false });
    expect(undone).toMatchObject({ doneToday: false, periodDone: 0 });
    expect(await p.caller.tasks.history({ taskId: run.id })).toEqual([]);
  });

  it('count the completions of the current period: the day, or the week from Monday', async () => {
    const p = await goalWithAction('period');
    const run = await p.add('Easy run', { repeat: { every: 'week', times: 3 } });
    const stretch = await p.add('Stretch', { repeat: { every: 'day', times: 1 } });
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday.
    await completedOn(run.id, '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-09');
    await completedOn(stretch.id, '2026-12-08', '2026-12-09');
    const on = async (today: string) =>
      Object.fromEntries(
        (await p.caller.tasks.list({ goalId: p.goal.id, today })).map((t) => [
          t.title,
          [t.periodDone, t.doneToday],
        ]),
      );
    expect(await on('2026-12-06')).toEqual({ 'Easy run': [2, true], Stretch: [0, false] });
    expect(await on('2026-12-07')).toEqual({ 'Easy run': [1, true], Stretch: [0, false] });
    expect(await on('2026-12-08')).toEqual({ 'Easy run': [1, false], Stretch: [1, true] });
    expect(await on('2026-12-13')).toEqual({ 'Easy run': [2, false], Stretch: [0, false] });
    expect(await p.caller.tasks.history({ taskId: run.id, to: '2026-12-13', days: 7 })).toEqual([
      '2026-12-09',
      '2026-12-07',
    ]);
  });

  it('take done days from a week back to tomorrow only, and not for one-off tasks', async () => {
    const p = await goalWithAction('window');
    const run = await p.add('Easy run', { repeat: { every: 'day', times: 1 } });
    await p.caller.tasks.setDone({ taskId: run.id, date: daysFromNow(-7), done: true });
    expect(
      failedFields(
        await failure(p.caller.tasks.setDone({ taskId: run.id, date: daysFromNow(-30), done: true })),
      ),
    ).toEqual(['date']);
    expect(
      failedFields(
        await failure(p.caller.tasks.setDone({ taskId: run.id, date: daysFromNow(3), done: true })),
      ),
    ).toEqual(['date']);
    const once = await p.add('Buy shoes');
    const error = await failure(
      p.caller.tasks.setDone({ taskId: once.id, date: daysFromNow(0), done: true }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^taskId: /);
  });

  it('are nobody else’s to mark or read, and a deleted task takes its history with it', async () => {
    const p = await goalWithAction('owner');
    const run = await p.add('Easy run', { repeat: { every: 'day', times: 1 } });
    await p.caller.tasks.setDone({ taskId: run.id, date: daysFromNow(0), done: true });
    const stranger = await signedUpUser(db.pool, 'stranger');
    expect(
      (await failure(stranger.caller.tasks.setDone({ taskId: run.id, date: daysFromNow(0), done: false })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await failure(stranger.caller.tasks.history({ taskId: run.id }))).code).toBe('NOT_FOUND');
    expect(await p.caller.tasks.history({ taskId: run.id })).toEqual([daysFromNow(0)]);
    await p.caller.tasks.delete({ taskId: run.id });
    const { rows } = await db.pool.query('SELECT 1 FROM task_completions WHERE task_id = $1', [run.id]);
    expect(rows).toEqual([]);
  });

  it('stop repeating with repeat: null, and start with a rule', async () => {
    const p = await goalWithAction('switch');
    const task = await p.add('Run');
    expect(
      (await p.caller.tasks.update({ taskId: task.id, repeat: { every: 'week', times: 2 } })).repeat,
    ).toEqual({
      every: 'week',
      times: 2,
    });
    expect((await p.caller.tasks.update({ taskId: task.id, title: 'Run!' })).repeat).toEqual({
      every: 'week',
      times: 2,
    });
    expect((await p.caller.tasks.update({ taskId: task.id, repeat: null })).repeat).toBeNull();
  });
});

describe('Today with Anytime', () => {
  it('adds repeating tasks first and unfinished undated tasks last, only when asked', async () => {
    const p = await goalWithAction('anytime');
    const today = '2026-12-10';
    await p.add('Undated');
    const undatedDone = await p.add('Undated but done');
    await p.caller.tasks.update({ taskId: undatedDone.id, status: 'done' });
    await p.add('Due today', { dueDate: today });
    await p.add('Far away', { dueDate: '2027-06-01' });
    await p.add('Stretch', { repeat: { every: 'day', times: 1 } });
    await p.add('Long run', { repeat: { every: 'week', times: 1 }, dueDate: '2027-06-01' });
    const titles = async (anytime?: boolean) =>
      (await p.caller.tasks.upcoming({ today, anytime })).map((task) => task.title);
    expect(await titles(true)).toEqual(['Long run', 'Stretch', 'Due today', 'Undated']);
    // Old clients (no `anytime`) see what they saw before.
    expect(await titles()).toEqual(['Due today']);
  });
});

describe('goal progress on goals/list', () => {
  it('weighs each sub-goal the same and counts repeating tasks in the period of the given day', async () => {
    const p = await goalWithAction('progress');
    for (const position of [0, 1, 2, 3]) {
      await p.caller.goals.setSubGoal({ goalId: p.goal.id, position, title: `Area ${position}` });
    }
    const recipe = await p.add('Recipe 1', {}, 1, 0);
    await p.add('Recipe 2', {}, 1, 0);
    await p.caller.tasks.update({ taskId: recipe.id, status: 'done' });
    const run = await p.add('Easy run', { repeat: { every: 'week', times: 2 } }, 0, 0);
    await completedOn(run.id, '2026-12-07');
    const progressOn = async (today: string) =>
      (await p.caller.goals.list({ today })).find((goal) => goal.id === p.goal.id)!.progress;
    // Area 1: 50 %; area 0: 1 of 2 runs this week = 50 %; areas 2 and 3: 0 % → (50 + 50) / 4 = 25 %.
    expect(await progressOn('2026-12-08')).toBe(25);
    // The next week has no run yet: only the recipe counts → 50 / 4 = 12.5 → 13 %.
    expect(await progressOn('2026-12-14')).toBe(13);
    expect(typeof (await p.caller.goals.list())[0]!.progress).toBe('number');
  });
});

describe('Download my data', () => {
  it('holds the account’s goals, cells, tasks, completions and reflections, and nobody else’s', async () => {
    const p = await goalWithAction('export');
    await p.caller.goals.setAction({
      goalId: p.goal.id,
      subGoalPosition: 0,
      position: 0,
      title: 'Run often',
    });
    const run = await p.add('Easy run', { repeat: { every: 'day', times: 1 } });
    await completedOn(run.id, '2026-12-01', '2026-12-02');
    await p.caller.reflections.create({ goalId: p.goal.id, content: 'Felt good', date: '2026-12-02' });
    const stranger = await goalWithAction('export-stranger');
    await stranger.add('Not yours');

    const data = await p.caller.auth.exportData();
    expect(data).toMatchObject({ format: 'goal-mandala-export/1', complete: true, user: { id: p.id } });
    expect(data.goals).toHaveLength(1);
    expect(data.goals[0]).toMatchObject({ id: p.goal.id, title: 'Run a marathon' });
    const cells = (data.goals[0] as { subGoals: { actions: { title: string }[] }[] }).subGoals;
    expect(cells).toHaveLength(8);
    expect(cells[0]!.actions[0]!.title).toBe('Run often');
    expect(data.tasks).toEqual([expect.objectContaining({ id: run.id, repeat: { every: 'day', times: 1 } })]);
    expect(data.completions).toEqual([
      { taskId: run.id, date: '2026-12-02' },
      { taskId: run.id, date: '2026-12-01' },
    ]);
    expect(data.reflections).toEqual([expect.objectContaining({ content: 'Felt good', goalId: p.goal.id })]);
  });

  it('stops at its size cap and says what it left out', async () => {
    const p = await goalWithAction('export-cap');
    for (let i = 0; i < 5; i++)
      await p.caller.reflections.create({ goalId: p.goal.id, content: 'x'.repeat(9000) });
    const whole = await exportUserData(db.pool, p.id);
    const wholeBytes = Buffer.byteLength(JSON.stringify(whole));
    expect(whole!.complete).toBe(true);
    // A cap that fits the goal, its task-less cells and about two reflections.
    const capped = (await exportUserData(db.pool, p.id, wholeBytes - 25_000))!;
    expect(capped.complete).toBe(false);
    expect(capped.reflections.length).toBeLessThan(5);
    expect(capped.omitted.reflections).toBe(5 - capped.reflections.length);
    expect(Buffer.byteLength(JSON.stringify(capped))).toBeLessThanOrEqual(wholeBytes - 25_000);
    expect(maxExportBytes).toBeLessThan(6 * 1024 * 1024);
  });
});
