/**
 * The goal's progress on the chart: the whole goal, each sub-goal that counts, and the rule in words, by
 * the same function goals/list uses (services/shared/plan-progress.ts).
 */
import { goalProgress } from '../../../shared/plan-progress.js';
import type { Chart, Task } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { progressBar } from './progress-bar.js';

/**
 * The goal's bar in `bar` (above the chart); each counted sub-goal and the rule in `details` (below it, so
 * the chart keeps its place on a phone's first screen).
 */
export function showPlanProgress(
  bar: HTMLElement,
  details: HTMLElement,
  chart: Chart,
  tasks: readonly Task[],
): void {
  const progress = goalProgress(
    chart.subGoals.map((subGoal) => subGoal.title),
    tasks,
  );
  const counted = chart.subGoals.filter((subGoal) => progress.subGoals[subGoal.position] !== null);
  replace(bar, progressBar(progress.percent, t('goalProgress')));
  replace(
    details,
    counted.length > 0 &&
      h(
        'ul',
        { class: 'sub-goal-progress' },
        ...counted.map((subGoal) => {
          const title = subGoal.title || t('subGoal', { n: subGoal.position + 1 });
          const percent = progress.subGoals[subGoal.position]!;
          return h('li', null, h('span', { class: 'sub-goal-name' }, title), progressBar(percent, title));
        }),
      ),
    h('p', { class: 'hint progress-rule' }, t('progressRule')),
  );
}
