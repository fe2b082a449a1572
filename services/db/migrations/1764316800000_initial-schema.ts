/**
 * Users, goals with their 8 sub-goal and 64 action slots, tasks, reflections and AI jobs.
 * Every rule the app relies on is a constraint here, so no code path can store bad data.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$' AND length(email) <= 254),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- One account per address whatever its case.
    CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

    CREATE TABLE goals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      deadline date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX goals_user_id_idx ON goals (user_id, created_at);

    -- The 8 cells around the central goal; '' is an empty cell. All 8 rows exist from goal creation.
    CREATE TABLE sub_goals (
      goal_id uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 7),
      title text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT sub_goals_goal_position_key PRIMARY KEY (goal_id, position)
    );

    -- The 8 cells around each sub-goal; all 64 rows exist from goal creation.
    CREATE TABLE actions (
      goal_id uuid NOT NULL,
      sub_goal_position smallint NOT NULL,
      position smallint NOT NULL CHECK (position BETWEEN 0 AND 7),
      title text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT actions_slot_key PRIMARY KEY (goal_id, sub_goal_position, position),
      FOREIGN KEY (goal_id, sub_goal_position) REFERENCES sub_goals (goal_id, position) ON DELETE CASCADE
    );

    CREATE TABLE tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL,
      sub_goal_position smallint NOT NULL,
      action_position smallint NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
      due_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (goal_id, sub_goal_position, action_position)
        REFERENCES actions (goal_id, sub_goal_position, position) ON DELETE CASCADE
    );
    CREATE INDEX tasks_goal_id_idx ON tasks (goal_id, created_at);

    CREATE TABLE reflections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      date date NOT NULL DEFAULT CURRENT_DATE,
      content text NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reflections_goal_id_idx ON reflections (goal_id, date);

    -- AI drafting runs (Step Functions executions, or the local workflow runner).
    CREATE TABLE ai_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
      error text,
      execution_arn text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- At most one unfinished job per goal: a second generate while one is queued or running conflicts.
    CREATE UNIQUE INDEX ai_jobs_one_active_per_goal ON ai_jobs (goal_id) WHERE status IN ('queued', 'running');
    CREATE INDEX ai_jobs_user_id_idx ON ai_jobs (user_id, created_at);
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('DROP TABLE ai_jobs, reflections, tasks, actions, sub_goals, goals, users;');
}
