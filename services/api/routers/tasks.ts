/** Tasks made from action cells; scoped to the signed-in user through the task's goal. */
import * as z from 'zod';
import { deleteTask, insertTask, listTasks, updateTask } from '../../db/tasks.js';
import { listUpcomingTasks } from '../../db/upcoming-tasks.js';
import { id, isoDate, position, title } from '../inputs.js';
import { orNotFound } from '../not-found.js';
import { authedProcedure } from '../procedures.js';
import { router } from '../trpc.js';

const status = z.enum(['todo', 'doing', 'done'], 'must be todo, doing or done');

/** Today's list is bounded: at most two months ahead, at most 200 tasks. */
const upcomingInput = z
  .object({
    days: z.number().int('must be a whole number').min(0, 'must be 0–60').max(60, 'must be 0–60').optional(),
    /** The person's own date; the server's (UTC) when absent. */
    today: isoDate.optional(),
    limit: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1–200')
      .max(200, 'must be 1–200')
      .optional(),
  })
  .optional();

export const tasksRouter = router({
  list: authedProcedure
    .input(z.object({ goalId: id }))
    .query(async ({ ctx, input }) => orNotFound(await listTasks(ctx.db, ctx.user.id, input.goalId), 'goal')),

  upcoming: authedProcedure.input(upcomingInput).query(({ ctx, input }) =>
    listUpcomingTasks(ctx.db, ctx.user.id, {
      today: input?.today ?? new Date().toISOString().slice(0, 10),
      days: input?.days ?? 7,
      limit: input?.limit ?? 100,
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
      }),
    )
    .mutation(async ({ ctx, input }) => orNotFound(await insertTask(ctx.db, ctx.user.id, input), 'goal')),

  update: authedProcedure
    .input(
      z.object({
        taskId: id,
        title: title.optional(),
        status: status.optional(),
        dueDate: isoDate.nullish(),
      }),
    )
    .mutation(async ({ ctx, input: { taskId, ...patch } }) =>
      orNotFound(await updateTask(ctx.db, ctx.user.id, taskId, patch), 'task'),
    ),

  delete: authedProcedure.input(z.object({ taskId: id })).mutation(async ({ ctx, input }) => {
    orNotFound((await deleteTask(ctx.db, ctx.user.id, input.taskId)) || null, 'task');
    return { deleted: true as const };
  }),
});
