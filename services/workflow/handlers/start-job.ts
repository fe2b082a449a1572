/** Step `StartJob`: marks the job running and loads the goal's chart. */
import { logger, withLambdaContext } from '../../shared/logger.js';
import type { JobState, WorkflowInput } from '../workflow-state.js';
import { startJob } from '../store.js';

export const handler = withLambdaContext(async (input: WorkflowInput): Promise<JobState> => {
  const state = await startJob(input);
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
