/** How many AI drafts one user may start: from the environment, validated (a bad value is one line). */
import * as z from 'zod';
import type { JobLimits } from '../db/ai-jobs.js';

const limitsSchema = z.object({
  /** Jobs one user may start per rolling 24 hours. */
  AI_DAILY_JOB_LIMIT: z.coerce.number().int().min(1, 'AI_DAILY_JOB_LIMIT must be at least 1').default(20),
  /** Jobs one user may have queued or running at once (over all their goals). */
  AI_ACTIVE_JOB_LIMIT: z.coerce.number().int().min(1, 'AI_ACTIVE_JOB_LIMIT must be at least 1').default(3),
});

export function jobLimits(env: NodeJS.ProcessEnv = process.env): JobLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`ai configuration: ${parsed.error.issues[0]!.message}`);
  return { daily: parsed.data.AI_DAILY_JOB_LIMIT, active: parsed.data.AI_ACTIVE_JOB_LIMIT };
}
