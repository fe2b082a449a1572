// Placeholder owned by the workflow helper, who replaces it with the real AI router.
// Output types follow the contract so clients type-check against it meanwhile.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';

type JobStatus = { status: 'queued' | 'running' | 'succeeded' | 'failed'; error?: string };

function notYet(): never {
  throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: 'AI drafting is not available yet' });
}

export const aiRouter = router({
  generate: authedProcedure.input(z.object({ goalId: z.uuid() })).mutation((): { jobId: string } => notYet()),
  status: authedProcedure.input(z.object({ jobId: z.uuid() })).query((): JobStatus => notYet()),
});
