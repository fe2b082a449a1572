/** Goals and their mandala chart; every call is scoped to the signed-in user. */
import * as z from 'zod';
import {
  deleteGoal,
  getGoalChart,
  insertGoal,
  listGoals,
  setAction,
  setSubGoal,
  updateGoal,
} from '../../db/goals.js';
import { cellTitle, expectedUpdatedAt, id, isoDate, position, text, title } from '../inputs.js';
import { orNotFound } from '../not-found.js';
import { authedProcedure, router } from '../trpc.js';

const description = text({ max: 2000 });

export const goalsRouter = router({
  list: authedProcedure.query(({ ctx }) => listGoals(ctx.db, ctx.user.id)),

  create: authedProcedure
    .input(z.object({ title, description: description.optional(), deadline: isoDate.nullish() }))
    // Null only when the account was deleted under a token its instance still honours (up to a minute).
    .mutation(async ({ ctx, input }) => orNotFound(await insertGoal(ctx.db, ctx.user.id, input), 'user')),

  get: authedProcedure
    .input(z.object({ goalId: id }))
    .query(async ({ ctx, input }) =>
      orNotFound(await getGoalChart(ctx.db, ctx.user.id, input.goalId), 'goal'),
    ),

  update: authedProcedure
    .input(
      z.object({
        goalId: id,
        title: title.optional(),
        description: description.optional(),
        deadline: isoDate.nullish(),
        expectedUpdatedAt,
      }),
    )
    .mutation(async ({ ctx, input: { goalId, ...patch } }) =>
      orNotFound(await updateGoal(ctx.db, ctx.user.id, goalId, patch), 'goal'),
    ),

  delete: authedProcedure.input(z.object({ goalId: id })).mutation(async ({ ctx, input }) => {
    orNotFound((await deleteGoal(ctx.db, ctx.user.id, input.goalId)) || null, 'goal');
    return { deleted: true as const };
  }),

  setSubGoal: authedProcedure
    .input(z.object({ goalId: id, position, title: cellTitle, expectedUpdatedAt }))
    .mutation(async ({ ctx, input }) => orNotFound(await setSubGoal(ctx.db, ctx.user.id, input), 'goal')),

  setAction: authedProcedure
    .input(z.object({ goalId: id, subGoalPosition: position, position, title: cellTitle, expectedUpdatedAt }))
    .mutation(async ({ ctx, input }) => orNotFound(await setAction(ctx.db, ctx.user.id, input), 'goal')),
});
