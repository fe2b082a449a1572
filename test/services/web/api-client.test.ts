/**
 * The web app's typed tRPC client (httpLink + the contract-URL fetch) against the real local stack:
 * the URLs it sends are the contract's, answers and errors come back typed.
 */
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createApiClient,
  endSessionOnServer,
  errorMessage,
  isUnauthorized,
} from '../../../services/web/src/api.js';
import { startTestLocalStack, type TestLocalStack } from '../../helpers/local-stack.js';

let stack: TestLocalStack;
let token: string | null = null;
const sent: string[] = [];

beforeAll(async () => {
  stack = await startTestLocalStack({ workflow: false, webDir: '/nonexistent' });
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    sent.push(`${init?.method ?? 'GET'} ${String(input).replace(stack.url, '')}`);
    return realFetch(input, init);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await stack?.close();
});

describe('web API client', () => {
  it('calls /api/<service>/<procedure> with the bearer token, one request per call', async () => {
    const api = createApiClient(`${stack.url}/api`, () => token);
    const session = await api.auth.signUp.mutate({
      email: `web-${Date.now()}@example.com`,
      password: 'long enough',
      name: 'Web',
    });
    token = session.accessToken;
    const goal = await api.goals.create.mutate({ title: 'Learn the cello' });
    await api.goals.setAction.mutate({
      goalId: goal.id,
      subGoalPosition: 2,
      position: 5,
      title: 'Scales daily',
    });
    const chart = await api.goals.get.query({ goalId: goal.id });

    expect(chart.subGoals).toHaveLength(8);
    expect(chart.subGoals.find((s) => s.position === 2)!.actions.find((a) => a.position === 5)!.title).toBe(
      'Scales daily',
    );
    expect(sent.slice(-4)).toEqual([
      'POST /api/auth/signUp',
      'POST /api/goals/create',
      'POST /api/goals/setAction',
      `GET /api/goals/get?input=${encodeURIComponent(JSON.stringify({ goalId: goal.id }))}`,
    ]);
  });

  it('reports a bad input with the field named, and a missing token as unauthorized', async () => {
    const api = createApiClient(`${stack.url}/api`, () => token);
    const bad = await api.goals.create.mutate({ title: '' }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(TRPCClientError);
    expect(errorMessage(bad, 'fallback')).toBe('Title: please fill this in.');
    expect(isUnauthorized(bad)).toBe(false);

    const anonymous = createApiClient(`${stack.url}/api`, () => null);
    const denied = await anonymous.goals.list.query().catch((error: unknown) => error);
    expect(isUnauthorized(denied)).toBe(true);
  });

  it('signs out on the server: the token answers 401 afterwards', async () => {
    const api = createApiClient(`${stack.url}/api`, () => null);
    const session = await api.auth.signUp.mutate({
      email: `web-out-${Date.now()}@example.com`,
      password: 'long enough',
      name: 'Out',
    });
    const asUser = createApiClient(`${stack.url}/api`, () => session.accessToken);
    expect((await asUser.auth.me.query()).id).toBe(session.user.id);

    await endSessionOnServer(session.accessToken, `${stack.url}/api`);

    expect(sent.at(-1)).toBe('POST /api/auth/signOut');
    const denied = await asUser.auth.me.query().catch((error: unknown) => error);
    expect(isUnauthorized(denied)).toBe(true);
  });
});
