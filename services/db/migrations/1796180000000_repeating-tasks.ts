/**
 * Repeating tasks and their done history. A task may repeat every day or N times a week (both columns
 * NULL: a one-off task, as before); each day it was done is a row of task_completions.
 *
 * Additive only: two nullable columns (no default, so no rewrite of tasks) and a new table. The rule tying
 * the two columns together is added NOT VALID: every existing row is NULL in both (nothing to check), new and
 * updated rows are checked, and no scan of tasks holds its lock.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    ALTER TABLE tasks ADD COLUMN repeat_every text;
    ALTER TABLE tasks ADD COLUMN repeat_times bigint; -- bigint: squawk prefers it; 1–7 either way
    ALTER TABLE tasks ADD CONSTRAINT tasks_repeat_rule CHECK (
      -- COALESCE: a NULL beside a set column would otherwise make the check unknown, which passes.
      (repeat_every IS NULL AND repeat_times IS NULL)
      OR COALESCE(repeat_every = 'day' AND repeat_times = 1, false)
      OR COALESCE(repeat_every = 'week' AND repeat_times BETWEEN 1 AND 7, false)
    ) NOT VALID;

    -- One row per task and day it was done (a repeating task's history; ticking twice a day is one).
    CREATE TABLE task_completions (
      task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
      done_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT task_completions_key PRIMARY KEY (task_id, done_on)
    );
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql(`
    DROP TABLE task_completions;
    ALTER TABLE tasks DROP CONSTRAINT tasks_repeat_rule;
    ALTER TABLE tasks DROP COLUMN repeat_times;
    ALTER TABLE tasks DROP COLUMN repeat_every;
  `);
}
