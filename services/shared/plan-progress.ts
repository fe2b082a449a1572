/**
 * How far a goal is, by one rule shared by the API (goals/list) and the web app (the chart, redrawn as tasks
 * change), so the two never disagree. docs/architecture.md ("Progress") states it for people:
 *
 * - The goal is the mean of its sub-goals that count: a sub-goal counts when it has a title or a task. Each
 *   weighs the same, so one finished recipe task does not make a marathon 33 % when seven other areas wait.
 * - A sub-goal is the mean of its actions that have tasks (each action weighs the same, whatever its number
 *   of tasks); a named sub-goal with no task yet is 0 %.
 * - An action is the mean of its tasks.
 * - A one-off task is 1 when done, else 0. A repeating task is its completions in the current period (today
 *   for "every day", the week from Monday for "N times a week") over the times wanted, at most 1.
 *
 * Pure and dependency-free: the web app bundles it.
 */

/** How often a task repeats: every day, or `times` days of each week (Monday to Sunday). */
export interface Repeat {
  readonly every: 'day' | 'week';
  readonly times: number;
}

export interface ProgressTask {
  readonly subGoalPosition: number;
  readonly actionPosition: number;
  readonly status: string;
  readonly repeat: Repeat | null;
  /** Completions in the current period (repeating tasks). */
  readonly periodDone: number;
}

export interface GoalProgress {
  /** The goal, 0–100, whole. */
  readonly percent: number;
  /** Each sub-goal (by position), 0–100, or null when it does not count (no title and no task). */
  readonly subGoals: readonly (number | null)[];
}

/** One task's share done, 0–1. */
export function taskDone(task: ProgressTask): number {
  if (!task.repeat) return task.status === 'done' ? 1 : 0;
  return Math.min(1, task.periodDone / task.repeat.times);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The goal's progress from its 8 sub-goal titles (by position) and all its tasks. */
export function goalProgress(subGoalTitles: readonly string[], tasks: readonly ProgressTask[]): GoalProgress {
  const subGoals = subGoalTitles.map((title, subGoal) => {
    const own = tasks.filter((task) => task.subGoalPosition === subGoal);
    if (title.trim() === '' && own.length === 0) return null;
    const actions = new Map<number, number[]>();
    for (const task of own) {
      actions.set(task.actionPosition, [...(actions.get(task.actionPosition) ?? []), taskDone(task)]);
    }
    return mean([...actions.values()].map(mean));
  });
  const counted = subGoals.filter((value): value is number => value !== null);
  return {
    percent: Math.round(mean(counted) * 100),
    subGoals: subGoals.map((value) => (value === null ? null : Math.round(value * 100))),
  };
}
