/**
 * Drafts the person controls: cells an AI draft wrote are marked (`drafted`) until edited, and ai/undoDraft
 * empties the last draft's untouched cells. A draft's writes are simulated here as SaveDrafts makes them
 * (the workflow itself is tested in test/services/workflow).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWorkflowStarter } from '../../../../services/api/workflow-starter.js';
import { createTestDatabase, type TestDatabase } from '../../../helpers/db.js';
import { failure } from '../../../helpers/trpc-failure.js';
import { signedUpUser } from '../caller.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  setWorkflowStarter({ start: async (input) => ({ executionArn: `local:${input.jobId}` }) });
});
afterAll(async () => {
  setWorkflowStarter(undefined);
  await db?.close();
});

/** What SaveDrafts does: fills the empty cells, naming the job, and marks the job succeeded. */
async function draft(jobId: string, goalId: string, subGoal: number, actions: number[]): Promise<void> {
  await db.pool.query(
    `UPDATE sub_goals SET title = 'Drafted ' || position, drafted_by = $3 WHERE goal_id = $1 AND position = $2 AND title = ''`,
    [goalId, subGoal, jobId],
  );
  await db.pool.query(
    `UPDATE actions SET title = 'Act ' || position, drafted_by = $3
      WHERE goal_id = $1 AND sub_goal_position = $2 AND position = ANY($4::int[]) AND title = ''`,
    [goalId, subGoal, jobId, actions],
  );
  await db.pool.query(`UPDATE ai_jobs SET status = 'succeeded' WHERE id = $1`, [jobId]);
}

describe('drafted cells and ai/undoDraft', () => {
  it('marks drafted cells until the person edits them, and undo empties only the last draft’s untouched cells', async () => {
    const { caller } = await signedUpUser(db.pool, 'undo');
    const goal = await caller.goals.create({ title: 'Learn the cello' });
    await caller.goals.setSubGoal({ goalId: goal.id, position: 0, title: 'Mine' });

    const first = await caller.ai.generate({ goalId: goal.id });
    await draft(first.jobId, goal.id, 1, [0, 1]);
    const second = await caller.ai.generate({ goalId: goal.id });
    await draft(second.jobId, goal.id, 2, [0, 1, 2]);

    let chart = await caller.goals.get({ goalId: goal.id });
    expect(chart.subGoals[0]).toMatchObject({ title: 'Mine', drafted: false });
    expect(chart.subGoals[2]).toMatchObject({ title: 'Drafted 2', drafted: true });
    expect(chart.subGoals[2]!.actions[1]).toMatchObject({ position: 1, title: 'Act 1', drafted: true });
    expect(chart.subGoals[2]!.actions[3]).toMatchObject({ position: 3, title: '', drafted: false });

    // An edit makes a cell the person's: no longer marked, and kept by undo.
    await caller.goals.setAction({
      goalId: goal.id,
      subGoalPosition: 2,
      position: 1,
      title: 'Act 1, my way',
    });
    chart = await caller.goals.get({ goalId: goal.id });
    expect(chart.subGoals[2]!.actions[1]).toMatchObject({
      position: 1,
      title: 'Act 1, my way',
      drafted: false,
    });

    expect(await caller.ai.undoDraft({ goalId: goal.id })).toEqual({ cleared: 3 });
    chart = await caller.goals.get({ goalId: goal.id });
    expect(chart.subGoals[2]).toMatchObject({ title: '', drafted: false });
    expect(chart.subGoals[2]!.actions.map((a) => a.title)).toEqual([
      '',
      'Act 1, my way',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    // The first draft's cells stay: undo goes back one draft.
    expect(chart.subGoals[1]).toMatchObject({ title: 'Drafted 1', drafted: true });
    expect(chart.subGoals[0]).toMatchObject({ title: 'Mine' });
  });

  it('answers 404 for another user’s goal and an unknown one, and clears nothing of theirs', async () => {
    const owner = await signedUpUser(db.pool, 'owner');
    const goal = await owner.caller.goals.create({ title: 'Mine alone' });
    const { jobId } = await owner.caller.ai.generate({ goalId: goal.id });
    await draft(jobId, goal.id, 0, [0]);
    const stranger = await signedUpUser(db.pool, 'stranger');
    for (const goalId of [goal.id, randomUUID()]) {
      const error = await failure(stranger.caller.ai.undoDraft({ goalId }));
      expect(error.code).toBe('NOT_FOUND');
    }
    expect((await owner.caller.goals.get({ goalId: goal.id })).subGoals[0]!.title).toBe('Drafted 0');
  });

  it('clears nothing when the goal was never drafted', async () => {
    const { caller } = await signedUpUser(db.pool, 'never');
    const goal = await caller.goals.create({ title: 'Hand-made' });
    expect(await caller.ai.undoDraft({ goalId: goal.id })).toEqual({ cleared: 0 });
  });
});
