/**
 * An edit knows which version it started from: goals/update, goals/setSubGoal and goals/setAction take an
 * optional `expectedUpdatedAt` (the `updatedAt` goals/get answered). A row changed since is not overwritten:
 * 409 CONFLICT with its current title and version. Without the field (older clients) edits apply as before.
 * Runs on PGlite and, with `npm run test:db:pg`, on real PostgreSQL (where two saves really race).
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as goalsHandler } from '../../../../services/api/handlers/goals.js';
import { closePool } from '../../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../../services/shared/env.js';
import { createTestDatabase, type TestDatabase } from '../../../helpers/db.js';
import { failedFields, failure } from '../../../helpers/trpc-failure.js';
import { signedUpUser, type Caller } from '../caller.js';
import { apiEvent, lambdaContext } from '../events.js';

let db: TestDatabase;
let caller: Caller;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ caller, token } = await signedUpUser(db.pool, 'stale'));
});
afterAll(async () => {
  await closePool();
  await db?.close();
});

describe('expectedUpdatedAt on cell and goal edits', () => {
  it('goals/get answers every cell’s version, to the microsecond', async () => {
    const goal = await caller.goals.create({ title: 'Versions' });
    const chart = await caller.goals.get({ goalId: goal.id });
    expect(chart.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(chart.subGoals[3]!.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(chart.subGoals[3]!.actions[5]!.updatedAt).toMatch(/\.\d{6}Z$/);
  });

  it('saves an action edited from its current version, and refuses one from an older version (409 with the current text)', async () => {
    const goal = await caller.goals.create({ title: 'Run a marathon' });
    const opened = (await caller.goals.get({ goalId: goal.id })).subGoals[0]!.actions[2]!;
    const cell = { goalId: goal.id, subGoalPosition: 0, position: 2 };

    // Tab A saves from the version it opened: accepted, with the new version.
    const saved = await caller.goals.setAction({
      ...cell,
      title: 'Weekly mileage',
      expectedUpdatedAt: opened.updatedAt!,
    });
    expect(saved.title).toBe('Weekly mileage');
    expect(saved.updatedAt > opened.updatedAt!).toBe(true);

    // Tab B opened the same version before A saved: its save is refused, A's text is not overwritten.
    const stale = await failure(
      caller.goals.setAction({ ...cell, title: 'Long runs', expectedUpdatedAt: opened.updatedAt! }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect((stale.cause as unknown as { current: unknown }).current).toEqual({
      title: 'Weekly mileage',
      updatedAt: saved.updatedAt,
    });
    expect((await caller.goals.get({ goalId: goal.id })).subGoals[0]!.actions[2]!.title).toBe(
      'Weekly mileage',
    );

    // B chooses "keep mine": it saves again from the version the conflict answered.
    const kept = await caller.goals.setAction({
      ...cell,
      title: 'Long runs',
      expectedUpdatedAt: saved.updatedAt,
    });
    expect(kept.title).toBe('Long runs');
    expect((await caller.goals.get({ goalId: goal.id })).subGoals[0]!.actions[2]!.title).toBe('Long runs');
  });

  it('sub-goals and the goal’s own title are checked the same way', async () => {
    const goal = await caller.goals.create({ title: 'Learn the cello' });
    const chart = await caller.goals.get({ goalId: goal.id });
    await caller.goals.setSubGoal({ goalId: goal.id, position: 4, title: 'Scales' });
    const sub = await failure(
      caller.goals.setSubGoal({
        goalId: goal.id,
        position: 4,
        title: 'Bowing',
        expectedUpdatedAt: chart.subGoals[4]!.updatedAt!,
      }),
    );
    expect(sub.code).toBe('CONFLICT');
    expect((sub.cause as unknown as { current: { title: string } }).current.title).toBe('Scales');

    const renamed = await caller.goals.update({ goalId: goal.id, title: 'Learn the viola' });
    const title = await failure(
      caller.goals.update({ goalId: goal.id, title: 'Learn the bass', expectedUpdatedAt: chart.updatedAt }),
    );
    expect(title.code).toBe('CONFLICT');
    expect((title.cause as unknown as { current: unknown }).current).toEqual({
      title: 'Learn the viola',
      updatedAt: renamed.updatedAt,
    });
    expect(
      (
        await caller.goals.update({
          goalId: goal.id,
          title: 'Learn the bass',
          expectedUpdatedAt: renamed.updatedAt,
        })
      ).title,
    ).toBe('Learn the bass');
  });

  it('an AI draft filling the cell counts as a change', async () => {
    const goal = await caller.goals.create({ title: 'Drafted meanwhile' });
    const opened = (await caller.goals.get({ goalId: goal.id })).subGoals[1]!;
    // What SaveDrafts writes (services/workflow/store.ts): a new title and updated_at.
    await db.pool.query(
      `UPDATE sub_goals SET title = 'Drafted', updated_at = now() WHERE goal_id = $1 AND position = 1`,
      [goal.id],
    );
    const stale = await failure(
      caller.goals.setSubGoal({
        goalId: goal.id,
        position: 1,
        title: 'Mine',
        expectedUpdatedAt: opened.updatedAt!,
      }),
    );
    expect((stale.cause as unknown as { current: { title: string } }).current.title).toBe('Drafted');
  });

  it('older clients that send no version overwrite as before', async () => {
    const goal = await caller.goals.create({ title: 'Old client' });
    await caller.goals.setSubGoal({ goalId: goal.id, position: 0, title: 'First' });
    expect(await caller.goals.setSubGoal({ goalId: goal.id, position: 0, title: 'Second' })).toMatchObject({
      title: 'Second',
    });
    expect((await caller.goals.update({ goalId: goal.id, description: 'still fine' })).description).toBe(
      'still fine',
    );
  });

  it('someone else’s cell is not found, whatever the version (the conflict reveals nothing)', async () => {
    const goal = await caller.goals.create({ title: 'Private' });
    const version = (await caller.goals.get({ goalId: goal.id })).subGoals[0]!.updatedAt!;
    const other = await signedUpUser(db.pool, 'other');
    const refused = await failure(
      other.caller.goals.setSubGoal({ goalId: goal.id, position: 0, title: 'x', expectedUpdatedAt: version }),
    );
    expect(refused.code).toBe('NOT_FOUND');
    expect(
      (await failure(other.caller.goals.update({ goalId: goal.id, title: 'x', expectedUpdatedAt: version })))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a version that is not a timestamp, naming the field', async () => {
    const goal = await caller.goals.create({ title: 'Bad version' });
    expect(
      failedFields(
        await failure(
          caller.goals.setAction({
            goalId: goal.id,
            subGoalPosition: 0,
            position: 0,
            title: 'x',
            expectedUpdatedAt: 'yesterday',
          }),
        ),
      ),
    ).toEqual(['expectedUpdatedAt']);
  });

  it(
    'two saves from the same version at once: exactly one lands, the other gets 409',
    async () => {
      const goal = await caller.goals.create({ title: 'Race' });
      const opened = (await caller.goals.get({ goalId: goal.id })).subGoals[6]!.actions[6]!;
      const results = await Promise.allSettled(
        ['Tab A', 'Tab B', 'Tab C'].map((title) =>
          caller.goals.setAction({
            goalId: goal.id,
            subGoalPosition: 6,
            position: 6,
            title,
            expectedUpdatedAt: opened.updatedAt!,
          }),
        ),
      );
      const landed = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(landed).toHaveLength(1);
      expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['CONFLICT', 'CONFLICT']);
      const winner = (landed[0] as PromiseFulfilledResult<{ title: string }>).value.title;
      expect((await caller.goals.get({ goalId: goal.id })).subGoals[6]!.actions[6]!.title).toBe(winner);
      for (const r of refused) {
        expect(
          ((r as PromiseRejectedResult).reason.cause as { current: { title: string } }).current.title,
        ).toBe(winner);
      }
    },
    db?.real ? 30_000 : 10_000,
  );

  it('over HTTP: 409 with the current title and version in data.current', async () => {
    const goal = await caller.goals.create({ title: 'Over the wire' });
    const opened = (await caller.goals.get({ goalId: goal.id })).subGoals[2]!;
    const saved = await caller.goals.setSubGoal({ goalId: goal.id, position: 2, title: 'Theirs' });
    process.env.DATABASE_URL = db.url;
    process.env.DB_POOL_MAX = '1';
    resetRuntimeEnv();
    const answer = (await goalsHandler(
      apiEvent({
        service: 'goals',
        procedure: 'setSubGoal',
        token,
        body: JSON.stringify({
          goalId: goal.id,
          position: 2,
          title: 'Mine',
          expectedUpdatedAt: opened.updatedAt!,
        }),
      }),
      lambdaContext,
    )) as APIGatewayProxyResult;
    expect(answer.statusCode).toBe(409);
    const error = JSON.parse(answer.body).error;
    expect(error.data).toMatchObject({
      code: 'CONFLICT',
      current: { title: 'Theirs', updatedAt: saved.updatedAt },
    });
  });
});
