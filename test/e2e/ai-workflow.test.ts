/**
 * `ai/generate` end to end over HTTP against the local stack, offline: the API handler starts the
 * synthesized workflow in aws-local-stepfunctions, whose steps call the local Bedrock endpoint through the
 * real SDK client and write the drafts to the database (embedded PGlite, or TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/local-stack.js';
import { logger } from '../../services/shared/logger.js';
import { startTestLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;

beforeAll(async () => {
  process.env.LOCAL_BEDROCK_DELAY_MS = '20';
  logger.setLogLevel('SILENT');
  stack = await startTestLocalStack({ webDir: '/nonexistent' });
});
afterAll(async () => {
  await stack?.close();
});

async function call<T>(
  procedure: string,
  input: unknown,
  token?: string,
  query = false,
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url =
    `${stack.url}/api/${procedure}` + (query ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '');
  const res = await fetch(
    url,
    query ? { headers } : { method: 'POST', headers, body: JSON.stringify(input) },
  );
  const body = (await res.json()) as { result?: { data: T } };
  return { status: res.status, data: body.result?.data as T };
}

it('drafts a whole chart from the browser’s point of view: generate, poll status, read the chart', async () => {
  const { data: auth } = await call<{ accessToken: string }>('auth/signUp', {
    email: `ai-e2e-${Date.now()}@example.com`,
    password: 'correct horse',
    name: 'E2E',
  });
  const token = auth.accessToken;
  const { data: goal } = await call<{ id: string }>(
    'goals/create',
    { title: '英語を話せるようになる' },
    token,
  );
  await call('goals/setSubGoal', { goalId: goal.id, position: 0, title: '毎日の単語練習' }, token);
  await call(
    'goals/setAction',
    { goalId: goal.id, subGoalPosition: 3, position: 5, title: 'オンライン英会話' },
    token,
  );

  const generated = await call<{ jobId: string }>('ai/generate', { goalId: goal.id }, token);
  expect(generated.status).toBe(200);
  const again = await call<{ jobId: string }>('ai/generate', { goalId: goal.id }, token);
  expect(again.data.jobId).toBe(generated.data.jobId);

  let status = '';
  for (let i = 0; i < 200 && !['succeeded', 'failed'].includes(status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = (await call<{ status: string }>('ai/status', { jobId: generated.data.jobId }, token, true)).data
      .status;
  }
  expect(status).toBe('succeeded');

  const { data: chart } = await call<{ subGoals: { title: string; actions: { title: string }[] }[] }>(
    'goals/get',
    { goalId: goal.id },
    token,
    true,
  );
  expect(chart.subGoals[0]!.title).toBe('毎日の単語練習');
  expect(chart.subGoals[3]!.actions[5]!.title).toBe('オンライン英会話');
  const titles = chart.subGoals.flatMap((s) => [s.title, ...s.actions.map((a) => a.title)]);
  expect(titles).toHaveLength(72);
  expect(titles.every((t) => t !== '')).toBe(true);
  expect(titles.every((t) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t))).toBe(true);
});
