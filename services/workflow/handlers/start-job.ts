/** Step `StartJob`: marks the job running and loads the goal's chart. */
import { getPool } from '../../db/pool.js';
import { logger, withLambdaContext } from '../../shared/logger.js';
import type { WorkflowDependencies } from '../dependencies.js';
import type { JobState, WorkflowInput } from '../workflow-state.js';
import { startJob } from '../store.js';

export function startJobStep({ db }: Pick<WorkflowDependencies, 'db'>) {
  return withLambdaContext(async (input: WorkflowInput): Promise<JobState> => {
    const state = await startJob(db, input);
    const emptySubGoals = state.subGoals.filter((s) => s.title === '').length;
    const emptyActions = state.subGoals.reduce((n, s) => n + s.actions.filter((a) => a === '').length, 0);
    logger.info('ai job started', {
      jobId: input.jobId,
      language: state.goal.language,
      emptySubGoals,
      emptyActions,
    });
    return state;
  });
}

export const handler = startJobStep({ db: getPool });
