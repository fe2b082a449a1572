/**
 * The AI router through createCaller on a fresh database: a job per goal, idempotent while it runs,
 * per-user limits answering 429, 404 for anyone else's goal or job. The workflow starter is replaced at
 * the edge by a recorder (the workflow itself is tested in test/local/workflow).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkflowStarter, WorkflowStartInput } from '../../../../services/api/workflow-starter.js';
import { createTestDatabase, type TestDatabase } from '../../../helpers/db.js';
import { signedUpUser, testDependencies } from '../caller.js';
import { failure } from '../../../helpers/trpc-failure.js';

let db: TestDatabase;
let started: WorkflowStartInput[];
let failStart: boolean;
/** The starter at the edge: records what it was asked to start (a test swaps it). */
let starter: WorkflowStarter;
const dependencies = testDependencies({ workflowStarter: () => starter });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(() => {
  started = [];
  failStart = false;
  starter = {
    async start(input) {
      if (failStart) throw new Error('StartExecution: AccessDenied');
      started.push(input);
      return { executionArn: `arn:aws:states:ap-northeast-1:123456789012:execution:test:${input.jobId}` };
    },
  };
});
afterEach(() => {
  delete process.env.AI_DAILY_JOB_LIMIT;
  delete process.env.AI_ACTIVE_JOB_LIMIT;
});

async function userWithGoal(title = 'Run a marathon') {
  const user = await signedUpUser(db.pool, 'ai', dependencies);
  const goal = await user.caller.goals.create({ title });
  return { ...user, goalId: goal.id };
}

const finish = (jobId: string, status = 'succeeded') =>
  db.pool.query('UPDATE ai_jobs SET status = $2 WHERE id = $1', [jobId, status]);

describe('ai/generate', () => {
  it('creates a queued job, starts the workflow with it and records the execution', async () => {
    const { caller, id: userId, goalId } = await userWithGoal();
    const { jobId } = await caller.ai.generate({ goalId });
    expect(started).toEqual([{ jobId, goalId, userId }]);
    expect(await caller.ai.status({ jobId })).toEqual({ status: 'queued', drafter: 'bedrock' });
    const row = await db.pool.query('SELECT execution_arn FROM ai_jobs WHERE id = $1', [jobId]);
    expect(row.rows[0].execution_arn).toMatch(new RegExp(`:execution:test:${jobId}$`));
  });

  it('is idempotent while the goal’s job is queued or running: the same jobId, no second start', async () => {
    const { caller, goalId } = await userWithGoal();
    const first = await caller.ai.generate({ goalId });
    expect(await caller.ai.generate({ goalId })).toEqual(first);
    await db.pool.query(`UPDATE ai_jobs SET status = 'running' WHERE id = $1`, [first.jobId]);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => caller.ai.generate({ goalId })));
    expect(concurrent.every((r) => r.jobId === first.jobId)).toBe(true);
    expect(started).toHaveLength(1);

    // Once it has finished, a new generate is a new job.
    await finish(first.jobId);
    const next = await caller.ai.generate({ goalId });
    expect(next.jobId).not.toBe(first.jobId);
    expect(started).toHaveLength(2);
  });

  it('answers 429 once the user reached the daily cap, with a message saying so', async () => {
    process.env.AI_DAILY_JOB_LIMIT = '2';
    const { caller, goalId } = await userWithGoal();
    for (let i = 0; i < 2; i++) await finish((await caller.ai.generate({ goalId })).jobId);
    const error = await failure(caller.ai.generate({ goalId }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/2 per day/);
    expect(started).toHaveLength(2);
    // Another user is not affected by this user's cap.
    const other = await userWithGoal();
    await expect(other.caller.ai.generate({ goalId: other.goalId })).resolves.toHaveProperty('jobId');
  });

  it('answers 429 when too many of the user’s jobs are running at once', async () => {
    process.env.AI_ACTIVE_JOB_LIMIT = '2';
    const user = await userWithGoal();
    const goals = [
      user.goalId,
      ...(await Promise.all([1, 2].map((i) => user.caller.goals.create({ title: `Goal ${i}` })))).map(
        (g) => g.id,
      ),
    ];
    await user.caller.ai.generate({ goalId: goals[0]! });
    await user.caller.ai.generate({ goalId: goals[1]! });
    const error = await failure(user.caller.ai.generate({ goalId: goals[2]! }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/at most 2/);
  });

  // On PostgreSQL the calls really overlap (PGlite serializes them): each goal's row lock alone let all 8 pass.
  it.each([
    ['running at once', { AI_ACTIVE_JOB_LIMIT: '3', AI_DAILY_JOB_LIMIT: '20' }],
    ['per day', { AI_ACTIVE_JOB_LIMIT: '20', AI_DAILY_JOB_LIMIT: '3' }],
  ])(
    'holds the limit of 3 %s when 8 generates on 8 goals race: exactly 3 accepted, 5 answer 429',
    async (_, env) => {
      Object.assign(process.env, env);
      const user = await userWithGoal();
      const goals = await Promise.all(
        Array.from({ length: 8 }, (_, i) => user.caller.goals.create({ title: `Race ${i}` })),
      );
      const outcomes = await Promise.all(
        goals.map((goal) =>
          user.caller.ai.generate({ goalId: goal.id }).then(
            () => 'OK',
            (error: { code: string }) => error.code,
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'OK')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS')).toHaveLength(5);
      const jobs = await db.pool.query('SELECT count(*)::int AS n FROM ai_jobs WHERE user_id = $1', [
        user.id,
      ]);
      expect(jobs.rows[0].n).toBe(3);
    },
  );

  it('answers 404 for another user’s goal and for a goal that does not exist, creating nothing', async () => {
    const owner = await userWithGoal();
    const stranger = await userWithGoal();
    for (const goalId of [owner.goalId, randomUUID()]) {
      const error = await failure(stranger.caller.ai.generate({ goalId }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('goal not found');
    }
    const jobs = await db.pool.query('SELECT count(*)::int AS n FROM ai_jobs WHERE goal_id = $1', [
      owner.goalId,
    ]);
    expect(jobs.rows[0].n).toBe(0);
    expect(started).toHaveLength(0);
  });

  it('rejects a goalId that is not an id, naming the field', async () => {
    const { caller } = await userWithGoal();
    const error = await failure(caller.ai.generate({ goalId: 'nope' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify((error.cause as { issues?: unknown }).issues)).toContain('goalId');
  });

  it('marks the job failed and answers 503 when the workflow cannot be started; a retry starts afresh', async () => {
    const { caller, goalId } = await userWithGoal();
    failStart = true;
    const error = await failure(caller.ai.generate({ goalId }));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    const job = await db.pool.query('SELECT status, error FROM ai_jobs WHERE goal_id = $1', [goalId]);
    expect(job.rows).toEqual([
      { status: 'failed', error: 'The AI draft could not be started. Please try again.' },
    ]);
    failStart = false;
    await expect(caller.ai.generate({ goalId })).resolves.toHaveProperty('jobId');
    expect(started).toHaveLength(1);
  });
});

describe('ai/status', () => {
  it('reads the job: its status, and a readable error once failed', async () => {
    const { caller, goalId } = await userWithGoal();
    const { jobId } = await caller.ai.generate({ goalId });
    await db.pool.query(
      `UPDATE ai_jobs SET status = 'failed', error = 'The AI service is busy right now.' WHERE id = $1`,
      [jobId],
    );
    expect(await caller.ai.status({ jobId })).toEqual({
      status: 'failed',
      error: 'The AI service is busy right now.',
      drafter: 'bedrock',
    });
  });

  it('says when the drafts come from the local stand-in rather than Bedrock', async () => {
    starter = {
      drafter: 'local-stand-in',
      start: async (input) => ({ executionArn: `local:${input.jobId}` }),
    };
    const { caller, goalId } = await userWithGoal();
    const started = await caller.ai.generate({ goalId });
    expect(started.drafter).toBe('local-stand-in');
    expect((await caller.ai.status({ jobId: started.jobId })).drafter).toBe('local-stand-in');
  });

  it('answers 404 for another user’s job and for an unknown one', async () => {
    const owner = await userWithGoal();
    const stranger = await userWithGoal();
    const { jobId } = await owner.caller.ai.generate({ goalId: owner.goalId });
    for (const id of [jobId, randomUUID()]) {
      const error = await failure(stranger.caller.ai.status({ jobId: id }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('job not found');
    }
  });

  it('reports a job whose execution was lost as failed, and lets a new one start', async () => {
    const { caller, goalId } = await userWithGoal();
    const { jobId } = await caller.ai.generate({ goalId });
    await db.pool.query(
      `UPDATE ai_jobs SET status = 'running', created_at = now() - interval '30 minutes' WHERE id = $1`,
      [jobId],
    );
    const status = await caller.ai.status({ jobId });
    expect(status.status).toBe('failed');
    expect(status.error).toMatch(/took too long/);
    const next = await caller.ai.generate({ goalId });
    expect(next.jobId).not.toBe(jobId);
  });
});
