/**
 * Deleting a goal, undoable like a task: the app goes to My goals at once, which leaves the goal out while
 * the Undo notice stands; the API call waits until the notice goes (undoable-delete.ts carries it out early
 * when the person leaves the list or closes the tab). No native confirm: Undo is the safety.
 */
import type { AppContext } from '../app-context.js';
import { forgetDraft } from '../draft-memory.js';
import { t } from '../i18n.js';
import { deleteWithUndo } from '../undoable-delete.js';

/** Names the goal while its delete is pending (goals-view.ts leaves it out). */
export function goalDeleteKey(goalId: string): string {
  return `goal:${goalId}`;
}

export function deleteGoalWithUndo(context: AppContext, goalId: string, title: string): void {
  const onList = () => location.hash === '' || location.hash === '#/';
  context.navigate('#/', () =>
    deleteWithUndo({
      key: goalDeleteKey(goalId),
      message: t('goalDeleted', { title }),
      // The list may still be loading: then it leaves the goal out by its key.
      hide: () => document.querySelector(`[data-goal-id="${CSS.escape(goalId)}"]`)?.remove(),
      // Drawn anew, the list shows the goal again (it was never deleted).
      restore: () => {
        if (onList()) context.navigate('#/');
      },
      remove: async (client) => {
        await client.goals.delete.mutate({ goalId });
        forgetDraft(context.session.user.id, goalId);
      },
      onError: (failure) => context.reportError(failure),
    }),
  );
}
