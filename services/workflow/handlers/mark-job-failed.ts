/** Step `MarkJobFailed` (every Catch leads here): records a readable reason; the execution then fails. */
import { getPool } from '../../db/pool.js';
import { logger, withLambdaContext } from '../../shared/logger.js';
import type { WorkflowDependencies } from '../dependencies.js';
import { failureReason } from '../failure-reasons.js';
import type { FailedJobState } from '../workflow-state.js';
import { markJobFailed } from '../store.js';

/** A Lambda error's Cause is JSON ({errorType, errorMessage, trace}); other causes are plain text. */
function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}

export function markJobFailedStep({ db }: Pick<WorkflowDependencies, 'db'>) {
  return withLambdaContext(
    async (state: FailedJobState): Promise<{ jobId: string; error: string; reason: string }> => {
      const reason = failureReason(state.failure.Error, state.goal?.language);
      // The cause is for operators (it may quote the model's answer, never a secret); the user gets the reason.
      logger.error('ai job failed', {
        jobId: state.jobId,
        error: state.failure.Error,
        cause: causeMessage(state.failure.Cause),
      });
      await markJobFailed(db, state.jobId, reason);
      return { jobId: state.jobId, error: state.failure.Error, reason };
    },
  );
}

export const handler = markJobFailedStep({ db: getPool });
