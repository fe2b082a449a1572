/** The progress rule shared by goals/list and the chart (services/shared/plan-progress.ts). */
import { describe, expect, it } from 'vitest';
import { goalProgress, taskDone, type ProgressTask } from '../../../services/shared/plan-progress.js';

const titles = (...named: number[]) =>
  Array.from({ length: 8 }, (_, i) => (named.includes(i) ? `S${i}` : ''));

function task(subGoal: number, action: number, done: boolean | number, times?: number): ProgressTask {
  return typeof done === 'boolean'
    ? {
        subGoalPosition: subGoal,
        actionPosition: action,
        status: done ? 'done' : 'todo',
        repeat: null,
        periodDone: 0,
      }
    : {
        subGoalPosition: subGoal,
        actionPosition: action,
        status: 'todo',
        repeat: { every: times === 1 ? 'day' : 'week', times: times ?? 1 },
        periodDone: done,
      };
}

describe('goal progress', () => {
  it('weighs each counted sub-goal the same: one done task of three in one area of eight is 4 %', () => {
    const tasks = [task(0, 0, true), task(0, 0, false), task(0, 0, false)];
    const progress = goalProgress(titles(0, 1, 2, 3, 4, 5, 6, 7), tasks);
    expect(progress.subGoals).toEqual([33, 0, 0, 0, 0, 0, 0, 0]);
    expect(progress.percent).toBe(4); // 33.3 % / 8
  });

  it('leaves out sub-goals with neither a title nor a task', () => {
    const progress = goalProgress(titles(0, 1), [task(0, 0, true)]);
    expect(progress.subGoals).toEqual([100, 0, null, null, null, null, null, null]);
    expect(progress.percent).toBe(50);
  });

  it('counts an untitled sub-goal that has tasks', () => {
    expect(goalProgress(titles(), [task(3, 0, true), task(3, 1, false)]).subGoals[3]).toBe(50);
  });

  it('weighs each action by its tasks, the same whatever their number', () => {
    // Action 0: 1 of 1 done; action 1: 1 of 4 done → (100 + 25) / 2 = 62.5 → 63 (not 2 of 5 = 40).
    const tasks = [
      task(0, 0, true),
      task(0, 1, true),
      task(0, 1, false),
      task(0, 1, false),
      task(0, 1, false),
    ];
    expect(goalProgress(titles(0), tasks).percent).toBe(63);
  });

  it('counts a repeating task by its completions in the period, at most whole', () => {
    expect(taskDone(task(0, 0, 2, 3))).toBeCloseTo(2 / 3);
    expect(taskDone(task(0, 0, 5, 3))).toBe(1);
    expect(taskDone(task(0, 0, 0, 1))).toBe(0);
    expect(goalProgress(titles(0), [task(0, 0, 1, 4)]).percent).toBe(25);
  });

  it('is 0 for a goal with nothing planned', () => {
    expect(goalProgress(titles(), [])).toEqual({ percent: 0, subGoals: Array(8).fill(null) });
  });
});
