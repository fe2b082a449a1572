/**
 * Authorization: every procedure but signUp/signIn needs a valid token (tampered, expired, `alg: none`,
 * wrong issuer or audience, foreign key → UNAUTHORIZED), and another user's rows answer NOT_FOUND exactly as
 * missing ones, for every resource and procedure, without being changed.
 */
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenAudience, tokenIssuer } from '../../../services/api/auth/tokens.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { callerWithToken, signedUpUser, testSigningKey, type Caller } from './caller.js';

let db: TestDatabase;
const key = testSigningKey;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error.code;
}

describe('tokens', () => {
  let user: { id: string; email: string; token: string };
  beforeAll(async () => {
    user = await signedUpUser(db.pool, 'tokens');
  });

  const sign = (overrides: { iss?: string; aud?: string; exp?: number | string; key?: Uint8Array }) =>
    // The user's own session id: only the signature, issuer, audience or expiry differ from a good token.
    new SignJWT({ email: user.email, sid: decodeJwt(user.token).sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(overrides.iss ?? tokenIssuer)
      .setAudience(overrides.aud ?? tokenAudience)
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '1h')
      .sign(overrides.key ?? key);

  it('accepts a token signed with the key, issuer and audience', async () => {
    const caller = await callerWithToken(db.pool, await sign({}));
    expect((await caller.auth.me()).id).toBe(user.id);
  });

  it.each([
    ['no token', async () => undefined],
    ['garbage', async () => 'not.a.jwt'],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = user.token.split('.');
        const payload = Buffer.from(
          JSON.stringify({
            sub: '00000000-0000-4000-8000-000000000000',
            email: 'x@y.z',
            iss: tokenIssuer,
            aud: tokenAudience,
            exp: 9999999999,
          }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    [
      'tampered signature',
      async () => user.token.slice(0, -4) + (user.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'),
    ],
    ['expired', async () => sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
    [
      'alg none',
      async () =>
        new UnsecuredJWT({ email: user.email })
          .setSubject(user.id)
          .setIssuer(tokenIssuer)
          .setAudience(tokenAudience)
          .setExpirationTime('1h')
          .encode(),
    ],
    ['wrong issuer', async () => sign({ iss: 'someone-else' })],
    ['wrong audience', async () => sign({ aud: 'another-api' })],
    ['another key', async () => sign({ key: randomBytes(32) })],
  ])('rejects %s with UNAUTHORIZED on every authenticated procedure', async (_, token) => {
    const caller = await callerWithToken(db.pool, await token());
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: Promise<unknown>[] = [
      caller.auth.me(),
      caller.goals.list(),
      caller.goals.create({ title: 'x' }),
      caller.goals.get({ goalId: id }),
      caller.goals.update({ goalId: id, title: 'x' }),
      caller.goals.delete({ goalId: id }),
      caller.goals.setSubGoal({ goalId: id, position: 0, title: 'x' }),
      caller.goals.setAction({ goalId: id, subGoalPosition: 0, position: 0, title: 'x' }),
      caller.tasks.list({ goalId: id }),
      caller.tasks.create({ goalId: id, subGoalPosition: 0, actionPosition: 0, title: 'x' }),
      caller.tasks.update({ taskId: id, status: 'done' }),
      caller.tasks.delete({ taskId: id }),
      caller.reflections.list({ goalId: id }),
      caller.reflections.create({ goalId: id, content: 'x' }),
      caller.reflections.delete({ reflectionId: id }),
      caller.ai.generate({ goalId: id }),
      caller.ai.status({ jobId: id }),
    ];
    for (const call of calls) expect(await codeOf(call)).toBe('UNAUTHORIZED');
  });
});

describe("another user's rows", () => {
  let owner: { caller: Caller };
  let intruder: { caller: Caller };
  let goalId: string;
  let taskId: string;
  let reflectionId: string;
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    owner = await signedUpUser(db.pool, 'owner');
    intruder = await signedUpUser(db.pool, 'intruder');
    const goal = await owner.caller.goals.create({ title: 'Private goal', description: 'secret plan' });
    goalId = goal.id;
    await owner.caller.goals.setSubGoal({ goalId, position: 1, title: 'mine' });
    taskId = (
      await owner.caller.tasks.create({ goalId, subGoalPosition: 1, actionPosition: 1, title: 'my task' })
    ).id;
    reflectionId = (await owner.caller.reflections.create({ goalId, content: 'my thoughts', rating: 4 })).id;
  });

  const procedures: [
    string,
    (c: Caller, ids: { goal: string; task: string; reflection: string }) => Promise<unknown>,
  ][] = [
    ['goals.get', (c, ids) => c.goals.get({ goalId: ids.goal })],
    ['goals.update', (c, ids) => c.goals.update({ goalId: ids.goal, title: 'hijacked' })],
    ['goals.delete', (c, ids) => c.goals.delete({ goalId: ids.goal })],
    [
      'goals.setSubGoal',
      (c, ids) => c.goals.setSubGoal({ goalId: ids.goal, position: 1, title: 'hijacked' }),
    ],
    [
      'goals.setAction',
      (c, ids) => c.goals.setAction({ goalId: ids.goal, subGoalPosition: 1, position: 1, title: 'hijacked' }),
    ],
    ['tasks.list', (c, ids) => c.tasks.list({ goalId: ids.goal })],
    [
      'tasks.create',
      (c, ids) =>
        c.tasks.create({ goalId: ids.goal, subGoalPosition: 0, actionPosition: 0, title: 'planted' }),
    ],
    ['tasks.update', (c, ids) => c.tasks.update({ taskId: ids.task, status: 'done', title: 'hijacked' })],
    ['tasks.delete', (c, ids) => c.tasks.delete({ taskId: ids.task })],
    ['reflections.list', (c, ids) => c.reflections.list({ goalId: ids.goal })],
    ['reflections.create', (c, ids) => c.reflections.create({ goalId: ids.goal, content: 'planted' })],
    ['reflections.delete', (c, ids) => c.reflections.delete({ reflectionId: ids.reflection })],
  ];

  it.each(procedures)('%s answers NOT_FOUND, exactly as for a missing id', async (_, call) => {
    const foreign = await codeOf(
      call(intruder.caller, { goal: goalId, task: taskId, reflection: reflectionId }),
    );
    const absent = await codeOf(call(intruder.caller, { goal: missing, task: missing, reflection: missing }));
    expect(foreign).toBe('NOT_FOUND');
    expect(absent).toBe('NOT_FOUND');
  });

  it("lists only the caller's own goals", async () => {
    expect(await intruder.caller.goals.list()).toEqual([]);
    expect((await owner.caller.goals.list()).map((g) => g.id)).toEqual([goalId]);
  });

  it("leaves the owner's rows untouched after every attempt", async () => {
    const chart = await owner.caller.goals.get({ goalId });
    expect(chart.title).toBe('Private goal');
    expect(chart.subGoals[1]!.title).toBe('mine');
    expect(chart.subGoals[1]!.actions[1]!.title).toBe('');
    expect(await owner.caller.tasks.list({ goalId })).toEqual([
      expect.objectContaining({ id: taskId, title: 'my task', status: 'todo' }),
    ]);
    expect(await owner.caller.reflections.list({ goalId })).toEqual([
      expect.objectContaining({ id: reflectionId, content: 'my thoughts' }),
    ]);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM tasks WHERE goal_id = $1', [goalId]);
    expect(rows[0].n).toBe(1);
  });
});
