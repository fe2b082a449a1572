/**
 * No answer exceeds 1 MB (services/db/limits.ts): one user holding everything the caps allow, every text at
 * its longest in the costliest script (200 Japanese characters, 3 bytes each in UTF-8; a 4-byte character
 * counts two towards a length, so it is cheaper), read back through the real Lambda handlers. "Download my
 * data" is the one larger answer, held to its own cap (services/db/export-data.ts).
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handler as authHandler } from '../../../services/api/handlers/auth.js';
import { handler as goalsHandler } from '../../../services/api/handlers/goals.js';
import { handler as reflectionsHandler } from '../../../services/api/handlers/reflections.js';
import { handler as tasksHandler } from '../../../services/api/handlers/tasks.js';
import {
  maxGoalsPerUser,
  maxReflectionsPerGoal,
  maxTasksPerAction,
  reflectionsPageSize,
} from '../../../services/db/limits.js';
import { maxExportBytes } from '../../../services/db/export-data.js';
import { closePool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { signedUpUser } from './caller.js';
import { apiEvent, lambdaContext } from './events.js';

const oneMegabyte = 1_000_000;
const today = '2026-06-01';

let db: TestDatabase;
let token: string;
let goalId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await signedUpUser(db.pool, 'worst-case');
  token = user.token;
  // Built in SQL, as many rows as the caps allow: the API would take minutes to make them one by one.
  const longest = (n: number) => `repeat('あ', ${n})`;
  await db.pool.query(
    `INSERT INTO goals (user_id, title, description, deadline)
     SELECT $1, ${longest(200)}, ${longest(2000)}, DATE '2999-12-31' FROM generate_series(1, $2)`,
    [user.id, maxGoalsPerUser],
  );
  const { rows } = await db.pool.query('SELECT id FROM goals WHERE user_id = $1 LIMIT 1', [user.id]);
  goalId = rows[0].id;
  await db.pool.query(
    `INSERT INTO sub_goals (goal_id, position, title) SELECT $1, p, ${longest(200)} FROM generate_series(0, 7) p;`,
    [goalId],
  );
  await db.pool.query(
    `INSERT INTO actions (goal_id, sub_goal_position, position, title)
     SELECT $1, s, p, ${longest(200)} FROM generate_series(0, 7) s, generate_series(0, 7) p`,
    [goalId],
  );
  await db.pool.query(
    `INSERT INTO tasks (goal_id, sub_goal_position, action_position, title, status, due_date, repeat_every, repeat_times)
     SELECT $1, s, p, ${longest(200)}, 'doing', $3::date, 'week', 7
       FROM generate_series(0, 7) s, generate_series(0, 7) p, generate_series(1, $2)`,
    [goalId, maxTasksPerAction, today],
  );
  await db.pool.query(
    `INSERT INTO reflections (goal_id, content, rating, date)
     SELECT $1, ${longest(10_000)}, 5, DATE '2999-12-31' FROM generate_series(1, $2)`,
    [goalId, maxReflectionsPerGoal],
  );
  // The handlers use the process pool on the same database; PGlite takes one connection.
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_MAX = '1';
  resetRuntimeEnv();
});
afterAll(async () => {
  await closePool();
  await db?.close();
});

type Handler = (event: ReturnType<typeof apiEvent>, context: typeof lambdaContext) => Promise<unknown>;

const cases: [string, Handler, string, () => unknown, number][] = [
  ['goals/list', goalsHandler, 'list', () => undefined, maxGoalsPerUser],
  ['goals/get', goalsHandler, 'get', () => ({ goalId }), 8],
  ['tasks/list', tasksHandler, 'list', () => ({ goalId }), 64 * maxTasksPerAction],
  ['tasks/upcoming', tasksHandler, 'upcoming', () => ({ today, days: 60, limit: 200, anytime: true }), 200],
  ['reflections/list', reflectionsHandler, 'list', () => ({ goalId }), reflectionsPageSize],
];

it.each(cases)('%s answers at most 1 MB at the caps', async (path, handler, procedure, input, rows) => {
  const answer = (await handler(
    apiEvent({ service: path.split('/')[0]!, procedure, token, input: input() }),
    lambdaContext,
  )) as APIGatewayProxyResult;
  expect(answer.statusCode).toBe(200);
  const data = JSON.parse(answer.body).result.data;
  expect(Array.isArray(data) ? data.length : data.subGoals.length).toBe(rows); // the worst case was built
  expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(oneMegabyte);
});

it('auth/exportData stays within its cap at the caps, and says what it left out', async () => {
  const answer = (await authHandler(
    apiEvent({ service: 'auth', procedure: 'exportData', token, input: undefined }),
    lambdaContext,
  )) as APIGatewayProxyResult;
  expect(answer.statusCode).toBe(200);
  const data = JSON.parse(answer.body).result.data;
  expect(data.goals).toHaveLength(maxGoalsPerUser);
  expect(data.complete).toBe(false);
  expect(data.omitted.reflections).toBeGreaterThan(0);
  // The cap, plus the 22 bytes of tRPC's envelope: under Lambda's 6 MB answer limit.
  expect(Buffer.byteLength(answer.body)).toBeLessThanOrEqual(maxExportBytes + 22);
});
