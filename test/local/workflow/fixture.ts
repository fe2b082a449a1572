/**
 * A database (embedded PGlite, or TEST_DATABASE_URL), the local Bedrock endpoint and the local runner of
 * the synthesized workflow definition, wired the way the local stack wires them.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  insertGoal,
  setAction,
  setSubGoal,
  getGoalChart,
  type GoalChart,
} from '../../../services/db/goals.js';
import { migrate } from '../../../services/db/migrate.js';
import { createTestDatabase, usingRealPostgres } from '../../helpers/db.js';
import { closePool, getPool } from '../../../services/db/pool.js';
import { insertUser } from '../../../services/db/users.js';
import { startEmbeddedPostgres } from '../../../local/embedded-postgres.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { logger } from '../../../services/shared/logger.js';
import { LocalBedrockServer } from '../../../local/workflow/bedrock-server.js';
import { loadWorkflowDefinition } from '../../../local/workflow/definition.js';
import { localBedrockModelId } from '../../../local/workflow/local-model.js';
import { LocalWorkflowRunner, type LocalWorkflowRunnerOptions } from '../../../local/workflow/runner.js';
import type { WorkflowInput } from '../../../services/workflow/workflow-state.js';

export interface WorkflowFixture {
  readonly pool: pg.Pool;
  /** The database owner, for DDL a test needs (the process pool logs in as the application role). */
  readonly ownerPool: pg.Pool;
  readonly bedrock: LocalBedrockServer;
  runner(options?: Omit<LocalWorkflowRunnerOptions, 'definition'>): LocalWorkflowRunner;
  /** Make the database unreachable (open connections drop) and reachable again. */
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

/** Model calls answer in well under a second here; a hung one is given up after this. */
export const TEST_MODEL_TIMEOUT_MS = 400;

export async function startWorkflowFixture(): Promise<WorkflowFixture> {
  // A real server gets a fresh migrated database per file; PGlite (one session) is shared with the
  // handlers through the process pool only, so it is started here rather than by the helper (own pool).
  const real = usingRealPostgres ? await createTestDatabase() : undefined;
  const embedded = real ? undefined : await startEmbeddedPostgres();
  process.env.DATABASE_URL = real?.url ?? embedded!.url;
  process.env.DB_POOL_MAX = embedded ? '1' : '4';
  // The failure paths log errors on purpose; keep the test output readable.
  if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel('SILENT');
  resetRuntimeEnv();
  await closePool();
  const pool = await getPool();
  if (embedded) await migrate(pool);
  const bedrock = await LocalBedrockServer.start();
  process.env.BEDROCK_ENDPOINT = bedrock.url;
  process.env.BEDROCK_MODEL_ID = localBedrockModelId;
  process.env.BEDROCK_REQUEST_TIMEOUT_MS = String(TEST_MODEL_TIMEOUT_MS);
  const definition = loadWorkflowDefinition();
  const runners: LocalWorkflowRunner[] = [];
  return {
    pool,
    ownerPool: real?.ownerPool ?? pool,
    bedrock,
    runner(options = {}) {
      const runner = new LocalWorkflowRunner({ definition, retryDelayMs: 5, ...options });
      runners.push(runner);
      return runner;
    },
    goAway: () => (real ? real.goAway() : embedded!.pause()),
    comeBack: () => (real ? real.comeBack() : embedded!.resume()),
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      await bedrock.stop();
      await closePool();
      await embedded?.stop();
      await real?.close();
    },
  };
}

export interface SeededGoal extends WorkflowInput {
  chart(): Promise<GoalChart>;
  job(): Promise<{ status: string; error: string | null }>;
}

/**
 * A user, a goal with some cells typed in, and a queued job for it.
 * `typed` keys: `"s<p>"` for sub-goal p, `"a<s>.<p>"` for action p of sub-goal s.
 */
export async function seedGoal(
  pool: pg.Pool,
  title: string,
  typed: Record<string, string> = {},
): Promise<SeededGoal> {
  const user = (await insertUser(pool, {
    email: `${randomUUID()}@example.com`,
    name: 'Tester',
    passwordHash: 'x',
  }))!;
  const goal = (await insertGoal(pool, user.id, { title }))!;
  for (const [cell, text] of Object.entries(typed)) {
    const sub = /^s(\d)$/.exec(cell);
    const action = /^a(\d)\.(\d)$/.exec(cell);
    if (sub) await setSubGoal(pool, user.id, { goalId: goal.id, position: Number(sub[1]), title: text });
    else if (action) {
      await setAction(pool, user.id, {
        goalId: goal.id,
        subGoalPosition: Number(action[1]),
        position: Number(action[2]),
        title: text,
      });
    } else throw new Error(`seedGoal: bad cell key ${cell}`);
  }
  const job = await pool.query<{ id: string }>(
    'INSERT INTO ai_jobs (goal_id, user_id) VALUES ($1, $2) RETURNING id',
    [goal.id, user.id],
  );
  const jobId = job.rows[0]!.id;
  return {
    jobId,
    goalId: goal.id,
    userId: user.id,
    chart: async () => (await getGoalChart(pool, user.id, goal.id))!,
    job: async () =>
      (
        await pool.query<{ status: string; error: string | null }>(
          'SELECT status, error FROM ai_jobs WHERE id = $1',
          [jobId],
        )
      ).rows[0]!,
  };
}

/** Every title in a chart, in order (sub-goal titles and their 8 actions). */
export function cells(chart: GoalChart): string[] {
  return chart.subGoals.flatMap((s) => [s.title, ...s.actions.map((a) => a.title)]);
}
