/**
 * Writes racing their goal's deletion: tasks/create and reflections/create sent while goals/delete commits
 * answer either the new row or 404 "goal", as for a missing goal, never a 500 (the insert met a foreign-key
 * violation on PostgreSQL until the create locked the goal's row first). The race only happens on the real
 * PostgreSQL; PGlite serializes.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../helpers/db.js';
import { signedUpUser } from '../caller.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** "ok", or the tRPC code the call failed with. */
const outcome = (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => 'ok',
    (error: unknown) => (error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error)),
  );

it('creates racing goals/delete answer 200 or 404 "goal", never 500', async () => {
  const { caller } = await signedUpUser(db.pool, 'racer');
  const rounds = db.real ? 60 : 3;
  const seen = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    const { id: goalId } = await caller.goals.create({ title: `Doomed ${round}` });
    const creates = Array.from({ length: 4 }, (_, i) => [
      outcome(caller.tasks.create({ goalId, subGoalPosition: i, actionPosition: i, title: `Task ${i}` })),
      outcome(caller.reflections.create({ goalId, content: `Note ${i}` })),
    ]).flat();
    const [deleted, ...created] = await Promise.all([outcome(caller.goals.delete({ goalId })), ...creates]);
    expect(deleted).toBe('ok');
    for (const answer of created) seen.add(answer);
  }
  expect([...seen].filter((answer) => answer !== 'ok' && answer !== 'NOT_FOUND: goal not found')).toEqual([]);
});
