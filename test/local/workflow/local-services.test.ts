/**
 * The workflow's part of the local stack: its starter runs the synthesized definition, and on shutdown the
 * executions it had to cut short leave their jobs failed with a reason, not running.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalServices } from '../../../local/workflow/local-services.js';
import { seedGoal, startWorkflowFixture, type WorkflowFixture } from './fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await startWorkflowFixture();
});
afterAll(async () => {
  await fx?.close();
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in time');
}

it('starts executions named after the job, and fails the jobs it stops with the local stack', async () => {
  const services = await startLocalServices({
    db: () => Promise.resolve(fx.pool),
    behaviour: { delayMs: 60_000 },
  });
  const goal = await seedGoal(fx.pool, 'A goal interrupted');
  const { executionArn } = await services.starter.start(goal);
  expect(executionArn).toMatch(new RegExp(`:execution:TaskGenerationStateMachine\\w*:${goal.jobId}$`));
  await until(async () => (await goal.job()).status === 'running' && services.bedrock!.calls.length === 1);

  await services.close();

  const job = await goal.job();
  expect(job.status).toBe('failed');
  expect(job.error).toBe(
    'The local stack stopped before the AI draft finished. Nothing in your chart was changed. Please try again.',
  );
});

const db = () => Promise.resolve(fx.pool);

it('LOCAL_AI_MODEL=bedrock starts no stand-in: the real regional endpoint answers, and the API says Bedrock', async () => {
  process.env.LOCAL_AI_MODEL = 'bedrock';
  try {
    const services = await startLocalServices({ db });
    expect(services.bedrock).toBeUndefined();
    expect(services.model.endpoint).toBeUndefined();
    expect(services.starter.drafter).toBe('bedrock');
    await services.close();
  } finally {
    delete process.env.LOCAL_AI_MODEL;
  }
  const standIn = await startLocalServices({ db });
  expect(standIn.starter.drafter).toBe('local-stand-in');
  expect(standIn.model.endpoint).toBe(standIn.bedrock!.url);
  await standIn.close();
});

it('refuses an unknown LOCAL_AI_MODEL with a message naming it', async () => {
  process.env.LOCAL_AI_MODEL = 'gpt';
  try {
    await expect(startLocalServices({ db })).rejects.toThrow(/LOCAL_AI_MODEL must be stand-in or bedrock/);
  } finally {
    delete process.env.LOCAL_AI_MODEL;
  }
});
