/** Reflections (振り返り) on a goal; scoped to the signed-in user through the goal. */
import * as z from 'zod';
import { reflectionsPageSize } from '../../db/limits.js';
import { deleteReflection, insertReflection, listReflections } from '../../db/reflections.js';
import { id, isoDate, text } from '../inputs.js';
import { notFound, orNotFound } from '../not-found.js';
import { authedProcedure } from '../procedures.js';
import { router } from '../trpc.js';

/** A page of the goal's reflections: the newest `limit`, or those after `before` (the previous page's last). */
const listInput = z.object({
  goalId: id,
  limit: z
    .number()
    .int('must be a whole number')
    .min(1, `must be 1–${reflectionsPageSize}`)
    .max(reflectionsPageSize, `must be 1–${reflectionsPageSize}`)
    .optional(),
  before: id.optional(),
});

export const reflectionsRouter = router({
  list: authedProcedure.input(listInput).query(async ({ ctx, input }) => {
    const page = await listReflections(ctx.db, ctx.user.id, input.goalId, {
      limit: input.limit ?? reflectionsPageSize,
      before: input.before,
    });
    if (page === 'before') throw notFound('reflection');
    return orNotFound(page, 'goal');
  }),

  create: authedProcedure
    .input(
      z.object({
        goalId: id,
        content: text({ min: 1, max: 10_000 }),
        rating: z
          .number()
          .int('must be a whole number')
          .min(1, 'must be 1–5')
          .max(5, 'must be 1–5')
          .nullish(),
        date: isoDate.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      orNotFound(await insertReflection(ctx.db, ctx.user.id, input), 'goal'),
    ),

  delete: authedProcedure.input(z.object({ reflectionId: id })).mutation(async ({ ctx, input }) => {
    orNotFound((await deleteReflection(ctx.db, ctx.user.id, input.reflectionId)) || null, 'reflection');
    return { deleted: true as const };
  }),
});
