/**
 * End to end over HTTP: the local stack (same handler modules, same routes, proxy events) on the embedded
 * PGlite, or on the real PostgreSQL when TEST_DATABASE_URL is set. Plain fetch, as any HTTP client would.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../../services/shared/logger.js';
import { startTestLocalStack, type TestLocalStack } from '../helpers/local-stack.js';

let stack: TestLocalStack;
let api: string;
const webDir = mkdtempSync(join(tmpdir(), 'gm-web-'));

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Goal Mandala</title>');
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("app")');
  stack = await startTestLocalStack({ webDir, workflow: false });
  api = `${stack.url}/api`;
});
afterAll(async () => {
  await stack?.close();
  rmSync(webDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function post(path: string, input: unknown, token?: string): Promise<Answer> {
  const res = await fetch(`${api}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}

async function get(path: string, input?: unknown, token?: string): Promise<Answer> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${api}/${path}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: await res.json() };
}

let n = 0;
async function signUp(): Promise<string> {
  const answer = await post('auth/signUp', {
    email: `e2e-${++n}-${Date.now()}@example.com`,
    password: 'password123',
    name: 'E2E',
  });
  expect(answer.status).toBe(200);
  return answer.body.result.data.accessToken;
}

describe('the API over HTTP', () => {
  it('reports health with the git commit', async () => {
    const res = await fetch(`${api}/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^([0-9a-f]{40}|unknown|.+)$/),
      database: 'ok',
    });
  });

  it('runs a whole journey: sign up, chart, tasks, reflections, progress', async () => {
    const token = await signUp();
    const me = await get('auth/me', undefined, token);
    expect(me.body.result.data.name).toBe('E2E');

    const goal = (await post('goals/create', { title: 'Become a chef', deadline: '2027-12-31' }, token)).body
      .result.data;
    expect(
      (await post('goals/setSubGoal', { goalId: goal.id, position: 4, title: 'Knife skills' }, token)).status,
    ).toBe(200);
    expect(
      (
        await post(
          'goals/setAction',
          { goalId: goal.id, subGoalPosition: 4, position: 2, title: 'Julienne daily' },
          token,
        )
      ).status,
    ).toBe(200);
    const chart = (await get('goals/get', { goalId: goal.id }, token)).body.result.data;
    expect(chart.subGoals).toHaveLength(8);
    expect(chart.subGoals.every((s: { actions: unknown[] }) => s.actions.length === 8)).toBe(true);
    expect(chart.subGoals[4].title).toBe('Knife skills');
    expect(chart.subGoals[4].actions[2].title).toBe('Julienne daily');

    const task = (
      await post(
        'tasks/create',
        { goalId: goal.id, subGoalPosition: 4, actionPosition: 2, title: 'Buy a knife' },
        token,
      )
    ).body.result.data;
    await post(
      'tasks/create',
      { goalId: goal.id, subGoalPosition: 4, actionPosition: 2, title: 'Sharpen it' },
      token,
    );
    expect(
      (await post('tasks/update', { taskId: task.id, status: 'done' }, token)).body.result.data.status,
    ).toBe('done');
    expect((await get('tasks/list', { goalId: goal.id }, token)).body.result.data).toHaveLength(2);

    await post('reflections/create', { goalId: goal.id, content: 'Good week', rating: 4 }, token);
    expect((await get('reflections/list', { goalId: goal.id }, token)).body.result.data[0]).toMatchObject({
      content: 'Good week',
      rating: 4,
    });

    expect((await get('goals/list', undefined, token)).body.result.data).toEqual([
      { id: goal.id, title: 'Become a chef', deadline: '2027-12-31', progress: 50 },
    ]);
    expect((await post('goals/delete', { goalId: goal.id }, token)).body.result.data).toEqual({
      deleted: true,
    });
    expect((await get('goals/get', { goalId: goal.id }, token)).status).toBe(404);
  });

  it('answers 400 for malformed JSON and bad input (naming the field), never 500', async () => {
    const token = await signUp();
    const malformed = await post('goals/create', '{"title": ', token);
    expect(malformed.status).toBe(400);
    const badInput = await post('goals/create', { title: 'x', deadline: 'next year' }, token);
    expect(badInput.status).toBe(400);
    expect(badInput.body.error.message).toMatch(/^deadline: /);
    const badQuery = await fetch(`${api}/goals/get?input=%7Bnot-json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(badQuery.status).toBe(400);
  });

  it('answers 404 for unknown procedures and services, 401 without a token', async () => {
    const token = await signUp();
    expect((await get('goals/nothingHere', undefined, token)).status).toBe(404);
    expect((await get('nothingHere/list', undefined, token)).status).toBe(404);
    expect((await get('goals/list')).status).toBe(401);
    expect((await get('goals/list', undefined, 'forged.token.value')).status).toBe(401);
  });

  it('reads a chunked body, and refuses one over 1 MiB with 413', async () => {
    const token = await signUp();
    const stream = (parts: string[]) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      });
    // A stream body goes out with Transfer-Encoding: chunked and no Content-Length.
    const send = (parts: string[]) =>
      fetch(`${api}/goals/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: stream(parts),
        duplex: 'half',
      } as RequestInit);
    const chunked = await send(['{"title":', '"Chunked"}']);
    expect(chunked.status).toBe(200);
    expect(((await chunked.json()) as Answer['body']).result.data.title).toBe('Chunked');
    const tooLarge = await send([`{"title":"${'x'.repeat(1024 * 1024)}"}`]);
    expect(tooLarge.status).toBe(413);
  });

  it('throttles password guessing, the 429 carrying Retry-After through the local server', async () => {
    const email = `guessed-${Date.now()}@example.com`;
    const guess = () =>
      fetch(`${api}/auth/signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wrong guess' }),
      });
    for (let i = 0; i < 10; i++) expect((await guess()).status).toBe(401);
    const throttled = await guess();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("answers 404 for another user's goal over HTTP", async () => {
    const owner = await signUp();
    const other = await signUp();
    const goal = (await post('goals/create', { title: 'Mine' }, owner)).body.result.data;
    expect((await get('goals/get', { goalId: goal.id }, other)).status).toBe(404);
    expect((await post('goals/setSubGoal', { goalId: goal.id, position: 0, title: 'x' }, other)).status).toBe(
      404,
    );
  });
});

describe('the database role the API runs as', () => {
  it('is the application role, as on AWS: it may not drop or create tables', async () => {
    // The handlers' own pool (PGlite: the one shared session the stack switched to the role).
    const pool = stack.pool;
    const { rows } = await pool.query<{ role: string }>('SELECT current_user AS role');
    expect(rows[0]!.role).toMatch(/_app$/);
    await expect(pool.query('DROP TABLE goals')).rejects.toMatchObject({ code: '42501' });
    await expect(pool.query('CREATE TABLE intruder (id int)')).rejects.toMatchObject({ code: '42501' });
    expect((await get('health')).status).toBe(200);
  });
});

describe('50 parallel clients on one goal', () => {
  it('keep every write to distinct cells', async () => {
    const token = await signUp();
    const goal = (await post('goals/create', { title: 'Busy chart' }, token)).body.result.data;
    const cells = Array.from({ length: 50 }, (_, i) => ({
      subGoalPosition: Math.floor(i / 8),
      position: i % 8,
    }));
    const answers = await Promise.all(
      cells.map((cell, i) =>
        post('goals/setAction', { goalId: goal.id, ...cell, title: `cell ${i}` }, token),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(cells.map(() => 200));
    const chart = (await get('goals/get', { goalId: goal.id }, token)).body.result.data;
    cells.forEach((cell, i) =>
      expect(chart.subGoals[cell.subGoalPosition].actions[cell.position].title).toBe(`cell ${i}`),
    );
    const untouched = chart.subGoals
      .flatMap((s: { actions: { title: string }[] }) => s.actions)
      .filter((a: { title: string }) => a.title === '');
    expect(untouched).toHaveLength(64 - 50);
  });

  it('leave one whole value in a cell they all write', async () => {
    const token = await signUp();
    const goal = (await post('goals/create', { title: 'Contested' }, token)).body.result.data;
    const values = Array.from({ length: 50 }, (_, i) => `writer ${i} `.repeat(10).trim());
    const answers = await Promise.all(
      values.map((title) => post('goals/setSubGoal', { goalId: goal.id, position: 3, title }, token)),
    );
    expect(answers.map((a) => a.status)).toEqual(values.map(() => 200));
    const chart = (await get('goals/get', { goalId: goal.id }, token)).body.result.data;
    expect(values).toContain(chart.subGoals[3].title);
    expect(chart.subGoals.filter((s: { title: string }) => s.title !== '')).toHaveLength(1);
  });

  it('lose no task among 50 created at once', async () => {
    const token = await signUp();
    const goal = (await post('goals/create', { title: 'Many tasks' }, token)).body.result.data;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          'tasks/create',
          { goalId: goal.id, subGoalPosition: i % 8, actionPosition: 0, title: `task ${i}` },
          token,
        ),
      ),
    );
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const tasks = (await get('tasks/list', { goalId: goal.id }, token)).body.result.data as {
      title: string;
    }[];
    expect(tasks.map((t) => t.title).sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `task ${i}`).sort(),
    );
  });
});

describe('the database going away', () => {
  it('answers 503 meanwhile and recovers by itself', async () => {
    const token = await signUp();
    await stack.databaseGoesAway();
    try {
      const health = await fetch(`${api}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', database: 'unreachable' });
      expect((await get('goals/list', undefined, token)).status).toBe(503);
    } finally {
      await stack.databaseComesBack();
    }
    await vi.waitFor(async () => expect((await fetch(`${api}/health`)).status).toBe(200), {
      timeout: 15_000,
      interval: 250,
    });
    expect((await get('goals/list', undefined, token)).status).toBe(200);
  });
});

describe('the web app', () => {
  it('is served at / with a SPA fallback, and /api paths never fall back', async () => {
    const root = await fetch(`${stack.url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    expect(await root.text()).toContain('Goal Mandala');
    const deepLink = await fetch(`${stack.url}/goals/some-id`);
    expect(await deepLink.text()).toContain('<title>Goal Mandala</title>');
    const asset = await fetch(`${stack.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).toBe('console.log("app")');
    const traversal = await fetch(`${stack.url}/..%2f..%2fetc%2fpasswd`);
    expect(await traversal.text()).toContain('<title>Goal Mandala</title>');
    const apiMiss = await fetch(`${stack.url}/api/unknown`);
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers.get('content-type')).toMatch(/json/);
  });
});
