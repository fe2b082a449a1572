/**
 * The one way a job fails (`failJobs`): only while it is in one of the given statuses, with the reason
 * given or worded in its goal's language; a finished job keeps its outcome.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJob, failJobs, markNotStarted, readJob } from '../../../services/db/ai-jobs.js';
import { insertGoal } from '../../../services/db/goals.js';
import { withTransaction } from '../../../services/db/transaction.js';
import { insertUser } from '../../../services/db/users.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let db: TestDatabase;
let userId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  userId = (await insertUser(db.pool, { email: 'jobs@example.com', name: 'J', passwordHash: 'x' }))!.id;
});
afterAll(async () => {
  await db?.close();
});

async function newJob(title: string): Promise<string> {
  const goal = (await insertGoal(db.pool, userId, { title }))!;
  const outcome = await withTransaction(db.pool, (client) =>
    createJob(client, userId, goal.id, { daily: 100, active: 100 }),
  );
  if (outcome.kind !== 'created') throw new Error(`job not created: ${outcome.kind}`);
  return outcome.jobId;
}

async function setStatus(jobId: string, status: string): Promise<void> {
  await db.pool.query('UPDATE ai_jobs SET status = $2 WHERE id = $1', [jobId, status]);
}

it('words a kind of reason in the language of each job’s goal', async () => {
  const english = await newJob('Run a marathon');
  const japanese = await newJob('英語を話せるようになる');
  await failJobs(db.pool, [english, japanese], { kind: 'stopped' });
  expect(await readJob(db.pool, userId, english)).toEqual({
    status: 'failed',
    error:
      'The local stack stopped before the AI draft finished. Nothing in your chart was changed. Please try again.',
  });
  expect(await readJob(db.pool, userId, japanese)).toEqual({
    status: 'failed',
    error:
      'AIの下書きが終わる前にローカル環境が停止しました。チャートは変更されていません。もう一度お試しください。',
  });
});

it('leaves finished jobs as they are', async () => {
  const succeeded = await newJob('Done already');
  await setStatus(succeeded, 'succeeded');
  const running = await newJob('Still running');
  await setStatus(running, 'running');
  await failJobs(db.pool, [succeeded, running], 'the reason');
  expect(await readJob(db.pool, userId, succeeded)).toEqual({ status: 'succeeded' });
  expect(await readJob(db.pool, userId, running)).toEqual({ status: 'failed', error: 'the reason' });
});

it('fails a job that could not be started only while it is still queued', async () => {
  const queued = await newJob('Never started');
  await markNotStarted(db.pool, queued);
  expect(await readJob(db.pool, userId, queued)).toEqual({
    status: 'failed',
    error: 'The AI draft could not be started. Please try again.',
  });
  const started = await newJob('Started after all');
  await setStatus(started, 'running');
  await markNotStarted(db.pool, started);
  expect(await readJob(db.pool, userId, started)).toEqual({ status: 'running' });
});
