/** Step `DraftSubGoals`: asks the model for the empty sub-goal cells (no call when none is empty). */
import { logger, withLambdaContext } from '../../shared/logger.js';
import type { JobState } from '../workflow-state.js';
import type { WorkflowDependencies } from '../dependencies.js';
import { modelSettingsFromEnv } from '../model/bedrock.js';
import { draftTitles } from '../model/draft.js';
import { maxTitleLength } from '../model/prompts.js';

export function draftSubGoalsStep({ model }: Pick<WorkflowDependencies, 'model'>) {
  return withLambdaContext(async (state: JobState): Promise<JobState> => {
    const empty = state.subGoals.filter((s) => s.title === '');
    const titles = await draftTitles(model(), {
      kind: 'subGoals',
      language: state.goal.language,
      goal: state.goal.title,
      description: state.goal.description,
      keep: state.subGoals.filter((s) => s.title !== '').map((s) => s.title),
      count: empty.length,
      maxLength: maxTitleLength[state.goal.language],
    });
    logger.info('sub-goals drafted', { jobId: state.jobId, count: titles.length });
    let next = 0;
    return {
      ...state,
      subGoals: state.subGoals.map((s) =>
        s.title === '' ? { ...s, title: titles[next++]!, drafted: true } : s,
      ),
    };
  });
}

export const handler = draftSubGoalsStep({ model: modelSettingsFromEnv() });
