/**
 * The synthesized task-generation definition, run locally by aws-local-stepfunctions against a real
 * PostgreSQL (PGlite or TEST_DATABASE_URL) and the real Bedrock Runtime client talking to the local
 * model endpoint: the happy path and each way it can fail, checking the job's state and the chart.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as draftSubGoals } from '../../../services/workflow/handlers/draft-sub-goals.js';
import { handler as saveDrafts } from '../../../services/workflow/handlers/save-drafts.js';
import { WorkflowError } from '../../../services/workflow/errors.js';
import { LambdaStyleError } from '../../../local/workflow/step-handlers.js';
import { cells, seedGoal, startWorkflowFixture, type WorkflowFixture } from './fixture.js';

let fx: WorkflowFixture;

beforeAll(async () => {
  fx = await startWorkflowFixture();
});
afterAll(async () => {
  await fx?.close();
});
beforeEach(() => fx.bedrock.reset());

const retriesOf = (events: readonly { type: string; state?: { name: string } }[], state: string) =>
  events.filter((e) => e.type === 'StateRetried' && e.state?.name === state).length;

describe('local workflow: happy path', () => {
  it('fills every empty cell, keeps every typed one, and marks the job succeeded', async () => {
    const goal = await seedGoal(fx.pool, 'Run a full marathon', {
      s2: 'Build endurance',
      'a2.0': 'Run 5 km every morning',
      'a5.3': 'Buy running shoes',
    });

    const result = await fx.runner().run(goal, goal.jobId);

    expect(result.status).toBe('SUCCEEDED');
    expect(await goal.job()).toEqual({ status: 'succeeded', error: null });
    const chart = await goal.chart();
    expect(chart.subGoals.every((s) => s.title !== '')).toBe(true);
    expect(chart.subGoals[2]!.title).toBe('Build endurance');
    const actions = chart.subGoals.flatMap((s) => s.actions.map((a) => a.title));
    expect(actions).toHaveLength(64);
    expect(actions.every((title) => title !== '' && [...title].length <= 40)).toBe(true);
    expect(chart.subGoals[2]!.actions[0]!.title).toBe('Run 5 km every morning');
    expect(chart.subGoals[5]!.actions[3]!.title).toBe('Buy running shoes');
    for (const s of chart.subGoals) expect(new Set(s.actions.map((a) => a.title)).size).toBe(8);
    expect(new Set(chart.subGoals.map((s) => s.title)).size).toBe(8);
    // Drafted cells say which job wrote them; the ones the person typed do not.
    const marks = await fx.pool.query(
      `SELECT position, drafted_by FROM sub_goals WHERE goal_id = $1 ORDER BY position`,
      [goal.goalId],
    );
    expect(marks.rows.map((r) => r.drafted_by)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((p) => (p === 2 ? null : goal.jobId)),
    );
    // Actions are drafted for the sub-goal they belong to (the typed one included).
    expect(chart.subGoals[2]!.actions[1]!.title).toContain('build endurance');

    // One call for the 7 empty sub-goals, one per sub-goal for its actions; the Map ran all 8.
    const kinds = fx.bedrock.calls.map((c) => c.request?.kind);
    expect(kinds.filter((k) => k === 'subGoals')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'actions')).toHaveLength(8);
    expect(
      fx.bedrock.calls.every((c) => c.outcome === 'answered' && c.modelId.startsWith('anthropic.')),
    ).toBe(true);
    expect(fx.bedrock.calls.find((c) => c.request?.kind === 'subGoals')!.request).toMatchObject({
      count: 7,
      keep: ['Build endurance'],
      language: 'en',
    });
  });

  it('drafts in Japanese for a Japanese goal', async () => {
    const goal = await seedGoal(fx.pool, 'フルマラソンを完走する');
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    const chart = await goal.chart();
    expect(cells(chart).every((title) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(title))).toBe(true);
    expect(fx.bedrock.calls.every((c) => c.request?.language === 'ja')).toBe(true);
  });

  it('calls no model for a chart that is already full, and changes nothing', async () => {
    const typed: Record<string, string> = {};
    for (let s = 0; s < 8; s++) {
      typed[`s${s}`] = `Sub ${s}`;
      for (let a = 0; a < 8; a++) typed[`a${s}.${a}`] = `Action ${s}.${a}`;
    }
    const goal = await seedGoal(fx.pool, 'Already planned', typed);
    const before = cells(await goal.chart());
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    expect(fx.bedrock.calls).toHaveLength(0);
    expect(cells(await goal.chart())).toEqual(before);
  });

  it('never overwrites a cell the user types while the drafts are being made', async () => {
    const goal = await seedGoal(fx.pool, 'Learn to play the piano');
    const runner = fx.runner({
      handlers: {
        // The user types into two empty cells after the sub-goals were drafted, before the write.
        DraftSubGoals: async (input: unknown) => {
          const state = await draftSubGoals(input as never);
          await fx.pool.query(
            `UPDATE sub_goals SET title = 'Typed meanwhile' WHERE goal_id = $1 AND position = 4`,
            [goal.goalId],
          );
          await fx.pool.query(
            `UPDATE actions SET title = 'Typed action' WHERE goal_id = $1 AND sub_goal_position = 1 AND position = 6`,
            [goal.goalId],
          );
          return state as never;
        },
      },
    });
    const result = await runner.run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    const chart = await goal.chart();
    expect(chart.subGoals[4]!.title).toBe('Typed meanwhile');
    expect(chart.subGoals[1]!.actions[6]!.title).toBe('Typed action');
    expect(cells(chart).every((t) => t !== '')).toBe(true);
    expect(result.output).toMatchObject({ saved: { subGoals: 7, actions: 63 } });
  });
});

describe('local workflow: failures', () => {
  it('retries Bedrock throttling (backoff) and then succeeds', async () => {
    const goal = await seedGoal(fx.pool, 'Write a novel');
    fx.bedrock.configure({ throttle: 3 });
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    expect(retriesOf(result.events, 'DraftSubGoals')).toBe(3);
    expect(fx.bedrock.calls.filter((c) => c.outcome === 'throttled')).toHaveLength(3);
    expect(await goal.job()).toEqual({ status: 'succeeded', error: null });
    expect(cells(await goal.chart()).every((t) => t !== '')).toBe(true);
  });

  it('retries 5xx answers inside the Map and then succeeds', async () => {
    const goal = await seedGoal(
      fx.pool,
      'Get fit',
      Object.fromEntries([...Array(8).keys()].map((p) => [`s${p}`, `Area ${p}`])),
    );
    fx.bedrock.configure({ unavailable: 2 });
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    expect(retriesOf(result.events, 'DraftActions')).toBe(2);
    expect(await goal.job()).toMatchObject({ status: 'succeeded' });
  });

  it('asks again after one malformed answer', async () => {
    const goal = await seedGoal(fx.pool, 'Speak Spanish');
    fx.bedrock.configure({ malformed: 1 });
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    expect(retriesOf(result.events, 'DraftSubGoals')).toBe(1);
  });

  it('fails cleanly when the model keeps answering malformed output: job failed, nothing written', async () => {
    const goal = await seedGoal(fx.pool, 'Start a company', {
      s0: 'Find a co-founder',
      'a0.0': 'Go to meetups',
    });
    const before = cells(await goal.chart());
    fx.bedrock.configure({ malformed: 100 });
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('GenerationFailed');
    // First answer plus the two retries the definition allows.
    expect(fx.bedrock.calls.filter((c) => c.outcome === 'malformed')).toHaveLength(3);
    const job = await goal.job();
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/did not fit the chart/);
    expect(job.error).toMatch(/Nothing in your chart was changed/);
    expect(cells(await goal.chart())).toEqual(before);
  });

  it('fails cleanly when one sub-goal’s actions keep coming back malformed (the Map fails as a whole)', async () => {
    const goal = await seedGoal(fx.pool, 'Grow vegetables');
    const before = cells(await goal.chart());
    // The sub-goals answer is fine; afterwards every answer is malformed.
    fx.bedrock.configure({ delayMs: 0 });
    const runner = fx.runner({
      handlers: {
        DraftSubGoals: async (input: unknown) => {
          const state = await draftSubGoals(input as never);
          fx.bedrock.configure({ malformed: 1000 });
          return state as never;
        },
      },
    });
    const result = await runner.run(goal, goal.jobId);
    expect(result.status).toBe('FAILED');
    expect((await goal.job()).status).toBe('failed');
    expect(cells(await goal.chart())).toEqual(before);
  });

  it('gives up on a model that never answers: one retry, then the job fails with a timeout reason', async () => {
    const goal = await seedGoal(fx.pool, 'Climb Mount Fuji');
    const before = cells(await goal.chart());
    fx.bedrock.configure({ hang: 100 });
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('FAILED');
    expect(fx.bedrock.calls.filter((c) => c.outcome === 'hung')).toHaveLength(2);
    expect(retriesOf(result.events, 'DraftSubGoals')).toBe(1);
    const job = await goal.job();
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/took too long/);
    expect(cells(await goal.chart())).toEqual(before);
  });

  it('rolls back the whole write when the database fails part-way through it', async () => {
    const goal = await seedGoal(fx.pool, 'Read 50 books', {
      s3: 'Make time to read',
      'a3.1': 'Read on the train',
    });
    const before = cells(await goal.chart());
    // A real failure inside the transaction: sub-goals are written first, then action rows fail at sub-goal 7.
    await fx.ownerPool.query(`
      CREATE OR REPLACE FUNCTION fail_action_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated storage failure'; END $$;
      CREATE TRIGGER fail_action_write BEFORE INSERT OR UPDATE ON actions FOR EACH ROW
        WHEN (NEW.goal_id = '${goal.goalId}' AND NEW.sub_goal_position = 7 AND NEW.title <> '')
        EXECUTE FUNCTION fail_action_write();`);
    try {
      const result = await fx.runner().run(goal, goal.jobId);
      expect(result.status).toBe('FAILED');
      const failedSave = result.events.find(
        (e) => e.type === 'StateFailed' && e.state?.name === 'SaveDrafts',
      ) as { Error?: string } | undefined;
      expect(failedSave?.Error).toBe('DatabaseError');
      const job = await goal.job();
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/could not be saved/);
      expect(cells(await goal.chart())).toEqual(before);
    } finally {
      await fx.ownerPool.query(
        'DROP TRIGGER fail_action_write ON actions; DROP FUNCTION fail_action_write();',
      );
    }
  });

  it('retries the write when the database drops away during it, and succeeds once it is back', async () => {
    const goal = await seedGoal(fx.pool, 'Learn to swim', { 'a4.4': 'Book a lesson' });
    let attempts = 0;
    const runner = fx.runner({
      retryDelayMs: 50,
      handlers: {
        SaveDrafts: async (input: unknown) => {
          attempts++;
          if (attempts > 1) return (await saveDrafts(input as never)) as never;
          await fx.goAway();
          try {
            return (await saveDrafts(input as never)) as never;
          } finally {
            await fx.comeBack();
          }
        },
      },
    });
    const result = await runner.run(goal, goal.jobId);
    const failed = result.events.find((e) => e.type === 'StateFailed' && e.state?.name === 'SaveDrafts') as {
      Error?: string;
    };
    expect(failed.Error).toBe('DatabaseUnavailable');
    expect(result.status).toBe('SUCCEEDED');
    expect(attempts).toBe(2);
    const chart = await goal.chart();
    expect(chart.subGoals[4]!.actions[4]!.title).toBe('Book a lesson');
    expect(cells(chart).every((t) => t !== '')).toBe(true);
  });

  it('tells a Japanese user why, in Japanese', async () => {
    const goal = await seedGoal(fx.pool, '毎朝ヨガをする');
    fx.bedrock.configure({ malformed: 100 });
    const result = await fx.runner().run(goal, goal.jobId);
    expect(result.status).toBe('FAILED');
    expect((await goal.job()).error).toMatch(/チャートは変更されていません/);
  });

  it('treats a retried write whose first answer was lost as done (no failure, nothing written twice)', async () => {
    const goal = await seedGoal(fx.pool, 'Cook at home more');
    let attempts = 0;
    const runner = fx.runner({
      handlers: {
        // The commit happens, then the connection drops before the step reports back.
        SaveDrafts: async (input: unknown) => {
          const saved = await saveDrafts(input as never);
          if (++attempts === 1)
            throw new WorkflowError('DatabaseUnavailable', 'Connection terminated unexpectedly');
          return saved as never;
        },
      },
    });
    const result = await runner.run(goal, goal.jobId);
    expect(result.status).toBe('SUCCEEDED');
    expect(attempts).toBe(2);
    expect(retriesOf(result.events, 'SaveDrafts')).toBe(1);
    expect(result.output).toMatchObject({ saved: { subGoals: 0, actions: 0 } });
    expect(await goal.job()).toEqual({ status: 'succeeded', error: null });
    expect(cells(await goal.chart()).every((t) => t !== '')).toBe(true);
  });

  it('does nothing for a job that is no longer runnable (already finished, or its goal deleted)', async () => {
    const cancelled = await seedGoal(fx.pool, 'Cancelled goal');
    await fx.pool.query(`UPDATE ai_jobs SET status = 'failed', error = 'cancelled' WHERE id = $1`, [
      cancelled.jobId,
    ]);
    const first = await fx.runner().run(cancelled, cancelled.jobId);
    expect(first.status).toBe('FAILED');
    expect(await cancelled.job()).toEqual({ status: 'failed', error: 'cancelled' });

    const deleted = await seedGoal(fx.pool, 'Deleted goal');
    await fx.pool.query('DELETE FROM goals WHERE id = $1', [deleted.goalId]);
    const second = await fx.runner().run(deleted, deleted.jobId);
    expect(second.status).toBe('FAILED');
    const caught = second.events.find((e) => e.type === 'StateFailed' && e.state?.name === 'StartJob') as {
      Error?: string;
    };
    expect(caught.Error).toBe('GoalNotFound');
    expect(fx.bedrock.calls).toHaveLength(0);
  });

  it('reports step errors the way Lambda does (errorType as Error, JSON Cause)', () => {
    const error = new LambdaStyleError('ModelThrottled', 'slow down');
    expect(error.name).toBe('ModelThrottled');
    expect(JSON.parse(error.message)).toEqual({ errorType: 'ModelThrottled', errorMessage: 'slow down' });
  });
});
