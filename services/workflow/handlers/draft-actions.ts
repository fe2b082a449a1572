/** Step `DraftActions` (one Map iteration): asks the model for one sub-goal's empty action cells. */
import { withLambdaContext } from '../../shared/logger.js';
import type { ActionDraftInput, ActionDrafts } from '../workflow-state.js';
import type { WorkflowDependencies } from '../dependencies.js';
import { modelSettingsFromEnv } from '../model/bedrock.js';
import { draftTitles } from '../model/draft.js';
import { maxTitleLength } from '../model/prompts.js';

export function draftActionsStep({ model }: Pick<WorkflowDependencies, 'model'>) {
  return withLambdaContext(async ({ goal, subGoal }: ActionDraftInput): Promise<ActionDrafts> => {
    const emptyPositions = subGoal.actions.flatMap((title, position) => (title === '' ? [position] : []));
    const titles = await draftTitles(model(), {
      kind: 'actions',
      language: goal.language,
      goal: goal.title,
      description: goal.description,
      subGoal: subGoal.title,
      subGoalPosition: subGoal.position,
      keep: subGoal.actions.filter((title) => title !== ''),
      count: emptyPositions.length,
      maxLength: maxTitleLength[goal.language],
    });
    return {
      subGoalPosition: subGoal.position,
      actions: emptyPositions.map((position, i) => ({ position, title: titles[i]! })),
    };
  });
}

export const handler = draftActionsStep({ model: modelSettingsFromEnv() });
