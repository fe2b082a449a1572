/**
 * Sessions that end: sign-out ends one token's session, a password change ends every other one, deleting
 * the account deletes everything of it; a revoked token is refused at once by the container that revoked
 * it and, through the session check's one-minute horizon, everywhere else. Whitespace passwords are refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { revocationHorizonMs } from '../../../services/api/auth/session-check.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { failedFields, failure } from '../../helpers/trpc-failure.js';
import { callerWithToken, signedUpUser } from './caller.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const password = 'correct horse'; // what signedUpUser signs up with

async function signIn(email: string, pw = password) {
  return (await callerWithToken(db.pool)).auth.signIn({ email, password: pw });
}

async function meCode(token: string): Promise<string> {
  const caller = await callerWithToken(db.pool, token);
  return caller.auth.me().then(
    () => 'OK',
    (error: { code: string }) => error.code,
  );
}

describe('auth/signOut', () => {
  it('ends that token only: it answers 401 at once, the other session stays', async () => {
    const user = await signedUpUser(db.pool, 'signout');
    const other = await signIn(user.email);
    expect(await meCode(user.token)).toBe('OK');

    expect(await user.caller.auth.signOut({})).toEqual({ signedOut: true });

    expect(await meCode(user.token)).toBe('UNAUTHORIZED');
    expect(await meCode(other.accessToken)).toBe('OK');
    expect((await failure(user.caller.goals.list())).code).toBe('UNAUTHORIZED');
  });

  it('takes no input at all as well as {}', async () => {
    const user = await signedUpUser(db.pool, 'signout-noinput');
    expect(await user.caller.auth.signOut()).toEqual({ signedOut: true });
    expect(await meCode(user.token)).toBe('UNAUTHORIZED');
  });
});

describe('revocation elsewhere', () => {
  it('is honoured within the horizon by a container that had checked the session', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const user = await signedUpUser(db.pool, 'elsewhere');
    expect(await meCode(user.token)).toBe('OK'); // this container has now checked the session
    // Another container signs the session out: only the database knows.
    await db.pool.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    // Still trusted from the cache (no database round trip per call) …
    expect(await meCode(user.token)).toBe('OK');
    // … but no longer than the horizon, which is at most a minute.
    expect(revocationHorizonMs).toBeLessThanOrEqual(60_000);
    vi.setSystemTime(Date.now() + revocationHorizonMs + 1);
    expect(await meCode(user.token)).toBe('UNAUTHORIZED');
  });
});

describe('auth/changePassword', () => {
  it('answers a new session, ends every other one, and only the new password signs in', async () => {
    const user = await signedUpUser(db.pool, 'change');
    const other = await signIn(user.email);
    const changed = await user.caller.auth.changePassword({
      currentPassword: password,
      newPassword: 'battery staple',
    });
    expect(changed.user).toEqual({ id: user.id, email: user.email, name: 'change' });
    expect(await meCode(changed.accessToken)).toBe('OK');
    expect(await meCode(user.token)).toBe('UNAUTHORIZED');
    expect(await meCode(other.accessToken)).toBe('UNAUTHORIZED');
    expect((await failure(signIn(user.email))).code).toBe('UNAUTHORIZED');
    expect((await signIn(user.email, 'battery staple')).user.id).toBe(user.id);
  });

  it('answers 401 for a wrong current password and changes nothing', async () => {
    const user = await signedUpUser(db.pool, 'change-wrong');
    const error = await failure(
      user.caller.auth.changePassword({ currentPassword: 'not my password', newPassword: 'whatever123' }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('currentPassword');
    expect(await meCode(user.token)).toBe('OK');
    expect((await signIn(user.email)).user.id).toBe(user.id);
  });

  it.each([' '.repeat(8), '\t\n        ', '\u3000'.repeat(8)])(
    'refuses a new password of only whitespace (%j), naming the field',
    async (blank) => {
      const user = await signedUpUser(db.pool, 'change-blank');
      const error = await failure(
        user.caller.auth.changePassword({ currentPassword: password, newPassword: blank }),
      );
      expect(failedFields(error)).toEqual(['newPassword']);
    },
  );
});

describe('auth/signUp', () => {
  it('refuses a password of only whitespace, naming the field', async () => {
    const anonymous = await callerWithToken(db.pool);
    const error = await failure(
      anonymous.auth.signUp({ email: 'blank@example.com', password: '          ', name: 'B' }),
    );
    expect(failedFields(error)).toEqual(['password']);
  });
});

describe('auth/deleteAccount', () => {
  it('deletes the user with every goal, task, reflection, AI job and session; the e-mail signs up afresh', async () => {
    const user = await signedUpUser(db.pool, 'delete');
    const other = await signIn(user.email);
    const goal = await user.caller.goals.create({ title: 'To be deleted' });
    await user.caller.tasks.create({ goalId: goal.id, subGoalPosition: 0, actionPosition: 0, title: 'T' });
    await user.caller.reflections.create({ goalId: goal.id, content: 'R' });
    await db.pool.query('INSERT INTO ai_jobs (goal_id, user_id) VALUES ($1, $2)', [goal.id, user.id]);
    const bystander = await signedUpUser(db.pool, 'bystander');
    const kept = await bystander.caller.goals.create({ title: 'Not mine to delete' });

    expect(await user.caller.auth.deleteAccount({ password })).toEqual({ deleted: true });

    const { rows } = await db.pool.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS users,
              (SELECT count(*) FROM goals WHERE user_id = $1)::int AS goals,
              (SELECT count(*) FROM tasks WHERE goal_id = $2)::int AS tasks,
              (SELECT count(*) FROM reflections WHERE goal_id = $2)::int AS reflections,
              (SELECT count(*) FROM ai_jobs WHERE user_id = $1)::int AS jobs,
              (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions`,
      [user.id, goal.id],
    );
    expect(rows[0]).toEqual({ users: 0, goals: 0, tasks: 0, reflections: 0, jobs: 0, sessions: 0 });
    expect(await meCode(user.token)).toBe('UNAUTHORIZED');
    expect(await meCode(other.accessToken)).toBe('UNAUTHORIZED');
    expect((await bystander.caller.goals.get({ goalId: kept.id })).title).toBe('Not mine to delete');

    const again = await (
      await callerWithToken(db.pool)
    ).auth.signUp({ email: user.email, password: 'a fresh start', name: 'Again' });
    expect(again.user.id).not.toBe(user.id);
  });

  it('answers 401 for a wrong password and deletes nothing', async () => {
    const user = await signedUpUser(db.pool, 'delete-wrong');
    const error = await failure(user.caller.auth.deleteAccount({ password: 'not my password' }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('password');
    expect(await meCode(user.token)).toBe('OK');
  });
});
