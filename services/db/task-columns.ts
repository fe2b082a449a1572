/** The columns of a task as the API answers it (tasks.ts, upcoming-tasks.ts, goals/list's progress). */

/**
 * The task columns, as the API answers them. `today` is the SQL parameter holding the person's date: the
 * current period is counted up to it (a week starts on Monday: date_trunc('week') is ISO).
 */
export function taskColumns(today: string): string {
  return `t.id, t.goal_id AS "goalId", t.title, t.status, t.due_date AS "dueDate",
  t.sub_goal_position AS "subGoalPosition", t.action_position AS "actionPosition",
  CASE WHEN t.repeat_every IS NULL THEN NULL
       ELSE json_build_object('every', t.repeat_every, 'times', t.repeat_times) END AS repeat,
  (SELECT count(*)::int FROM task_completions c
    WHERE c.task_id = t.id AND c.done_on <= ${today}::date
      AND c.done_on >= CASE WHEN t.repeat_every = 'week' THEN date_trunc('week', ${today}::date)::date
                            ELSE ${today}::date END) AS "periodDone",
  EXISTS (SELECT 1 FROM task_completions c WHERE c.task_id = t.id AND c.done_on = ${today}::date)
    AS "doneToday"`;
}
