/** Tasks made from action cells; scoped to the signed-in user through the task's goal. */
import { TRPCError } from '@trpc/server';
import * as z from 'zod';
import { listCompletions, setCompletion } from '../../db/task-completions.js';
import { deleteTask, insertTask, listTasks, updateTask } from '../../db/tasks.js';
import { listUpcomingTasks } from '../../db/upcoming-tasks.js';
import { id, isoDate, position, serverToday, title } from '../inputs.js';
import { orNotFound } from '../not-found.js';
import { authedProcedure } from '../procedures.js';
import { router } from '../trpc.js';

const status = z.enum(['todo', 'doing', 'done'], 'must be todo, doing or done');

/** Every day, or 1–7 days of each week. */
const repeat = z
  .object({
    every: z.enum(['day', 'week'], 'must be day or week'),
    times: z.number().int('must be a whole number').min(1, 'must be 1–7').max(7, 'must be 1–7'),
  })
  .refine((rule) => rule.every === 'week' || rule.times === 1, {
    message: 'must be 1 for every day',
    path: ['times'],
  });

/** The person's own date, which periods are counted up to; the server's (UTC) when absent. */
const today = isoDate.optional();

/** Today's list is bounded: at most two months ahead, at most 200 tasks. */
const upcomingInput = z
  .object({
    days: z.number().int('must be a whole number').min(0, 'must be 0–60').max(60, 'must be 0–60').optional(),
    today,
    limit: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1–200')
      .max(200, 'must be 1–200')
      .optional(),
    /** Also repeating tasks and unfinished undated ones (the "Anytime" list). */
    anytime: z.boolean().optional(),
  })
  .optional();

/** A day may be marked done from a week back to tomorrow (time zones): history grows by real days only. */
const completionDays = { back: 8, ahead: 1 };

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const completionInput = z
  .object({ taskId: id, date: isoDate, done: z.boolean() })
  .refine(
    ({ date }) =>
      date >= shiftDays(serverToday(), -completionDays.back) &&
      date <= shiftDays(serverToday(), completionDays.ahead),
    { message: 'must be within the last 7 days', path: ['date'] },
  );

export const tasksRouter = router({
  list: authedProcedure
    .input(z.object({ goalId: id, today }))
    .query(async ({ ctx, input }) =>
      orNotFound(await listTasks(ctx.db, ctx.user.id, input.goalId, input.today ?? serverToday()), 'goal'),
    ),

  upcoming: authedProcedure.input(upcomingInput).query(({ ctx, input }) =>
    listUpcomingTasks(ctx.db, ctx.user.id, {
      today: input?.today ?? serverToday(),
      days: input?.days ?? 7,
      limit: input?.limit ?? 100,
      anytime: input?.anytime ?? false,
    }),
  ),

  create: authedProcedure
    .input(
      z.object({
        goalId: id,
        subGoalPosition: position,
        actionPosition: position,
        title,
        dueDate: isoDate.nullish(),
        repeat: repeat.nullish(),
        today,
      }),
    )
    .mutation(async ({ ctx, input: { today: date, ...task } }) =>
      orNotFound(await insertTask(ctx.db, ctx.user.id, task, date ?? serverToday()), 'goal'),
    ),

  update: authedProcedure
    .input(
      z.object({
        taskId: id,
        title: title.optional(),
        status: status.optional(),
        dueDate: isoDate.nullish(),
        repeat: repeat.nullish(),
        today,
      }),
    )
    .mutation(async ({ ctx, input: { taskId, today: date, ...patch } }) =>
      orNotFound(await updateTask(ctx.db, ctx.user.id, taskId, patch, date ?? serverToday()), 'task'),
    ),

  delete: authedProcedure.input(z.object({ taskId: id })).mutation(async ({ ctx, input }) => {
    orNotFound((await deleteTask(ctx.db, ctx.user.id, input.taskId)) || null, 'task');
    return { deleted: true as const };
  }),

  /** Marks a repeating task done (or not) on a day; the task, counted up to that day. */
  setDone: authedProcedure.input(completionInput).mutation(async ({ ctx, input }) => {
    const task = orNotFound(await setCompletion(ctx.db, ctx.user.id, input), 'task');
    if (task === 'oneOff') {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'taskId: does not repeat; set its status instead',
      });
    }
    return task;
  }),

  /** A repeating task's done history: the days it was done, newest first, at most a year back from `to`. */
  history: authedProcedure
    .input(
      z.object({
        taskId: id,
        to: today,
        days: z.number().int().min(1, 'must be 1–366').max(366, 'must be 1–366').optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const to = input.to ?? serverToday();
      const from = shiftDays(to, -((input.days ?? 28) - 1));
      return orNotFound(
        await listCompletions(ctx.db, ctx.user.id, { taskId: input.taskId, from, to }),
        'task',
      );
    }),
});
