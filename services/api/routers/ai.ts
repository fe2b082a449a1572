/**
 * AI drafting: `generate` creates a job and starts the task-generation workflow, answering at once (the
 * workflow outlives API Gateway's 29 s); `status` reads the job. Scoped to the signed-in user: another
 * user's goal or job answers 404.
 */
import { TRPCError } from '@trpc/server';
import * as z from 'zod';
import { createJob, markNotStarted, readJob, recordExecution } from '../../db/ai-jobs.js';
import { undoLastDraft } from '../../db/draft-undo.js';
import { withTransaction } from '../../db/transaction.js';
import { logger } from '../../shared/logger.js';
import { jobLimits } from '../ai-job-limits.js';
import { id } from '../inputs.js';
import { notFound } from '../not-found.js';
import { authedProcedure } from '../procedures.js';
import { router } from '../trpc.js';
import type { Context } from '../context.js';
import type { Drafter } from '../workflow-starter.js';

/** Who drafts in this deployment; a starter that cannot be found is reported where it is used. */
function drafter(ctx: Context): Drafter {
  try {
    return ctx.workflowStarter().drafter ?? 'bedrock';
  } catch {
    return 'bedrock';
  }
}

export const aiRouter = router({
  generate: authedProcedure.input(z.object({ goalId: id })).mutation(async ({ ctx, input }) => {
    const userId = ctx.user.id;
    const outcome = await withTransaction(ctx.db, (client) =>
      createJob(client, userId, input.goalId, jobLimits()),
    );
    switch (outcome.kind) {
      case 'goalNotFound':
        throw notFound('goal');
      case 'dailyLimit':
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `AI draft limit reached: ${outcome.limit} per day. Please try again tomorrow.`,
        });
      case 'activeLimit':
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `Too many AI drafts running at once (at most ${outcome.limit}). Please wait for one to finish.`,
        });
      case 'existing':
        return { jobId: outcome.jobId, drafter: drafter(ctx) };
      case 'created':
        break;
    }
    const { jobId } = outcome;
    try {
      const { executionArn } = await ctx.workflowStarter().start({ jobId, goalId: input.goalId, userId });
      await recordExecution(ctx.db, jobId, executionArn);
    } catch (error) {
      logger.error('ai job could not start', {
        requestId: ctx.requestId,
        jobId,
        error: (error as Error).message,
      });
      await markNotStarted(ctx.db, jobId);
      throw new TRPCError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The AI draft could not be started, try again shortly',
      });
    }
    return { jobId, drafter: drafter(ctx) };
  }),

  /** Empties the cells the goal's last draft wrote and nobody edited since: the chart as it was before. */
  undoDraft: authedProcedure.input(z.object({ goalId: id })).mutation(async ({ ctx, input }) => {
    const cleared = await undoLastDraft(ctx.db, ctx.user.id, input.goalId);
    if (cleared === null) throw notFound('goal');
    return { cleared };
  }),

  status: authedProcedure.input(z.object({ jobId: id })).query(async ({ ctx, input }) => {
    const job = await readJob(ctx.db, ctx.user.id, input.jobId);
    if (!job) throw notFound('job');
    return { ...job, drafter: drafter(ctx) };
  }),
});
