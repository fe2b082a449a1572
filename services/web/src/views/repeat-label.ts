/** How a repeating task is said ("Every day", "3× a week · This week 1/3") and chosen (a select). */
import type { Task } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export type Repeat = NonNullable<Task['repeat']>;

export function repeatLabel(task: Pick<Task, 'repeat' | 'periodDone'>): string {
  if (!task.repeat) return '';
  if (task.repeat.every === 'day') return t('repeatDaily');
  return `${t('repeatWeekly', { n: task.repeat.times })} · ${t('weekDone', {
    done: task.periodDone,
    n: task.repeat.times,
  })}`;
}

/** The choices: no repeat, every day, 1–6 times a week. */
const choices: readonly { value: string; repeat: Repeat | null }[] = [
  { value: '', repeat: null },
  { value: 'day', repeat: { every: 'day', times: 1 } },
  ...[1, 2, 3, 4, 5, 6].map((times) => ({
    value: `week-${times}`,
    repeat: { every: 'week', times } as Repeat,
  })),
];

export function repeatSelect(id: string, current: Repeat | null = null): HTMLSelectElement {
  const selected = current ? (current.every === 'day' ? 'day' : `week-${current.times}`) : '';
  return h(
    'select',
    { id, name: 'repeat' },
    ...choices.map((choice) =>
      h(
        'option',
        { value: choice.value, selected: choice.value === selected },
        !choice.repeat
          ? t('repeatNone')
          : choice.repeat.every === 'day'
            ? t('repeatDaily')
            : t('repeatWeekly', { n: choice.repeat.times }),
      ),
    ),
  );
}

export function chosenRepeat(select: HTMLSelectElement): Repeat | null {
  return choices.find((choice) => choice.value === select.value)?.repeat ?? null;
}
