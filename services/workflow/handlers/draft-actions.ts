/** Step `DraftActions` (one Map iteration): asks the model for one sub-goal's empty action cells. */
import { withLambdaContext } from '../../shared/logger.js';
import type { ActionDraftInput, ActionDrafts } from '../workflow-state.js';
import { draftTitles } from '../model/draft.js';
import { maxTitleLength } from '../model/prompts.js';

export const handler = withLambdaContext(
  async ({ goal, subGoal }: ActionDraftInput): Promise<ActionDrafts> => {
    const emptyPositions = subGoal.actions.flatMap((title, position) => (title === '' ? [position] : []));
    const titles = await draftTitles({
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
  },
);
