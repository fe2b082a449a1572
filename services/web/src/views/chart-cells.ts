/** What each slot of a chart holds (title, label, AI-drafted, version), read from and written into a Chart. */
import type { Chart } from '../api.js';
import { t } from '../i18n.js';
import type { CellSlot } from '../mandala-layout.js';

type Cell = { readonly title: string; readonly drafted: boolean; readonly updatedAt: string | null };

function subGoalAt(chart: Chart, position: number): Chart['subGoals'][number] | undefined {
  return chart.subGoals.find((s) => s.position === position);
}

/** The sub-goal or action cell of a slot (undefined for the goal, which is the chart itself). */
function cellAt(chart: Chart, slot: CellSlot): Cell | undefined {
  if (slot.kind === 'goal') return undefined;
  const subGoal = subGoalAt(chart, slot.subGoal);
  return slot.kind === 'subGoal' ? subGoal : subGoal?.actions.find((a) => a.position === slot.action);
}

export function titleOf(chart: Chart, slot: CellSlot): string {
  return slot.kind === 'goal' ? chart.title : (cellAt(chart, slot)?.title ?? '');
}

/** The version an edit of the slot starts from (sent as `expectedUpdatedAt`); undefined when unknown. */
export function versionOf(chart: Chart, slot: CellSlot): string | undefined {
  return (slot.kind === 'goal' ? chart.updatedAt : cellAt(chart, slot)?.updatedAt) ?? undefined;
}

export function labelOf(slot: CellSlot): string {
  switch (slot.kind) {
    case 'goal':
      return t('centerGoal');
    case 'subGoal':
      return t('subGoal', { n: slot.subGoal + 1 });
    case 'action':
      return t('action', { s: slot.subGoal + 1, n: slot.action + 1 });
  }
}

/** True when an AI draft wrote the slot and nobody edited it since (the goal itself is never drafted). */
export function draftedOf(chart: Chart, slot: CellSlot): boolean {
  return cellAt(chart, slot)?.drafted ?? false;
}

/** True when the chart has at least one empty sub-goal or action cell (something for a draft to fill). */
export function hasEmptyCell(chart: Chart): boolean {
  return chart.subGoals.some((s) => s.title === '' || s.actions.some((a) => a.title === ''));
}

/** True when some cell still holds an untouched AI draft. */
export function hasDraftedCell(chart: Chart): boolean {
  return chart.subGoals.some((s) => s.drafted || s.actions.some((a) => a.drafted));
}

/**
 * A copy of the chart with one slot changed: a new title makes it the person's own (not drafted); a new
 * version is the one the server answered for it.
 */
export function withCell(
  chart: Chart,
  slot: CellSlot,
  change: { readonly title?: string; readonly updatedAt?: string },
): Chart {
  const patch = <T extends Cell>(cell: T): T => ({
    ...cell,
    ...(change.title !== undefined && { title: change.title, drafted: false }),
    ...(change.updatedAt !== undefined && { updatedAt: change.updatedAt }),
  });
  if (slot.kind === 'goal') {
    return {
      ...chart,
      ...(change.title !== undefined && { title: change.title }),
      ...(change.updatedAt !== undefined && { updatedAt: change.updatedAt }),
    };
  }
  return {
    ...chart,
    subGoals: chart.subGoals.map((subGoal) => {
      if (subGoal.position !== slot.subGoal) return subGoal;
      if (slot.kind === 'subGoal') return patch(subGoal);
      return {
        ...subGoal,
        actions: subGoal.actions.map((action) => (action.position === slot.action ? patch(action) : action)),
      };
    }),
  };
}

/** A copy of the chart with one slot's title replaced: the person's own from then on (not drafted). */
export function withTitle(chart: Chart, slot: CellSlot, title: string): Chart {
  return withCell(chart, slot, { title });
}
