#!/usr/bin/env node
// @ts-check
/* global process, fetch, console, setTimeout, AbortSignal, URL */
/**
 * The acceptance test: the product's journey against a running API, as a user lives it. Two throw-away
 * users sign up; the first builds a goal by hand (a sub-goal, an action), lets the AI draft the rest to
 * completion, turns an action into a task and ticks it off, writes a reflection; the second sees none of
 * it (404 exactly like a missing row); then both accounts are deleted and their tokens stop working.
 *
 * Runs after staging's health check in the pipeline (API_URL from the stage's ApiUrl output) and in
 * `.ci/run` / `npm run acceptance` against the local stack. Exit 0 when the journey passed, 1 when a step
 * failed (named in the last line), 2 on usage. The accounts are deleted even when a step fails.
 *
 * Environment:
 *   API_URL                  the API base, e.g. https://…/v1/api or http://localhost:3000/api
 *   JOURNEY_RESUME_WAIT_MS   how long 503s / refused connections are retried (a database resuming from
 *                            a pause answers 503 for about 15 s); default 90000
 *   JOURNEY_AI_TIMEOUT_MS    how long the AI draft may take to finish; default 240000
 *   JOURNEY_TIMEOUT_MS       limit of one request; default 15000
 * Plain Node.js (>= 18) with no dependencies, like the other post-deploy scripts.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { positiveInt, requireEnv } from './probe.mjs';

const USAGE = 'API_URL=<the API base, ending in /api> npm run acceptance';
const HELP = `usage: ${USAGE}

The product's acceptance journey against a running API: two throw-away users sign up, build a goal by
hand and with the AI draft, tick a task off, write a reflection, check the second user sees none of the
first's data (404), then both accounts are deleted. Exit 0 passed, 1 a step failed (named in the last
line), 2 usage. npm run acceptance defaults API_URL to the local stack (http://localhost:\${PORT:-3000}/api).

environment:
  API_URL                 the API base, e.g. https://<staging site>/api or http://localhost:3000/api
  JOURNEY_RESUME_WAIT_MS  how long 503s and refused connections are retried (default 90000)
  JOURNEY_AI_TIMEOUT_MS   how long the AI draft may take (default 240000)
  JOURNEY_TIMEOUT_MS      limit of one request (default 15000)

see docs/runbook.md, "Running the acceptance journey yourself"
`;

try {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
} catch (error) {
  // node's message runs to several sentences; the quoted argument is what matters.
  const { code, message } = /** @type {Error & { code?: string }} */ (error);
  const argument = /'([^']+)'/.exec(message)?.[1] ?? message;
  const problem =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option ${argument}`
      : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? `unexpected argument "${argument}"`
        : message.split('. ')[0];
  console.error(`acceptance: ${problem}; usage: ${USAGE} (--help explains)`);
  process.exit(2);
}

const apiUrl = requireEnv('API_URL').replace(/\/+$/, '');
// Every call is `${API_URL}/<service>/<procedure>`: a site URL without /api answers the web app's HTML.
if (!URL.canParse(apiUrl) || !new URL(apiUrl).pathname.endsWith('/api')) {
  console.error(
    `API_URL must be the API base ending in /api (https://<site>/api, http://localhost:3000/api), not "${apiUrl}"`,
  );
  process.exit(2);
}
const resumeWaitMs = positiveInt(process.env, 'JOURNEY_RESUME_WAIT_MS', 90_000);
const aiTimeoutMs = positiveInt(process.env, 'JOURNEY_AI_TIMEOUT_MS', 240_000);
const requestTimeoutMs = positiveInt(process.env, 'JOURNEY_TIMEOUT_MS', 15_000);

/** A step's failure: the journey reports its message and stops. */
class JourneyError extends Error {}

/**
 * @typedef {{ status: number, data: any, error: any, json: any }} Answer
 */

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP call, retrying while the API answers 503 or refuses the connection (the database is resuming,
 * the local stack is starting), for at most JOURNEY_RESUME_WAIT_MS, printing each wait.
 * @param {string} method
 * @param {string} path  under API_URL, e.g. `goals/create`
 * @param {{ body?: unknown, query?: unknown, token?: string }} [options]
 * @returns {Promise<Answer>}
 */
async function request(method, path, options = {}) {
  const query =
    options.query === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(options.query))}`;
  const url = `${apiUrl}/${path}${query}`;
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const giveUpAt = Date.now() + resumeWaitMs;
  for (let attempt = 1; ; attempt++) {
    let reason;
    try {
      const response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      /** @type {any} */
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON: reported below if the status was not the expected one
      }
      if (response.status !== 503) {
        return {
          status: response.status,
          data: json?.result?.data,
          error: json?.error ?? text.slice(0, 200),
          json,
        };
      }
      reason = `HTTP 503 (${json?.error?.message ?? json?.status ?? 'unavailable'})`;
    } catch (error) {
      const cause = /** @type {{ cause?: { code?: string } }} */ (error).cause;
      if (/** @type {Error} */ (error).name === 'TimeoutError')
        reason = `no answer within ${requestTimeoutMs} ms`;
      else if (cause?.code === 'ECONNREFUSED' || cause?.code === 'ECONNRESET') reason = cause.code;
      else throw error;
    }
    const left = giveUpAt - Date.now();
    if (left <= 0) throw new JourneyError(`${method} ${path}: ${reason}, still after ${resumeWaitMs} ms`);
    const waitMs = Math.min(1_000 * 2 ** (attempt - 1), 5_000, left);
    console.log(
      `  … ${method} ${path}: ${reason}; retrying in ${waitMs} ms (${Math.ceil(left / 1000)} s left)`,
    );
    await sleep(waitMs);
  }
}

/** @param {string} procedure @param {unknown} input @param {string} [token] */
const mutation = (procedure, input, token) => request('POST', procedure, { body: input, token });
/** @param {string} procedure @param {unknown} [input] @param {string} [token] */
const query = (procedure, input, token) => request('GET', procedure, { query: input, token });

/**
 * The answer's data when it has the expected status, else a JourneyError naming the call.
 * @param {string} what @param {Answer} answer @param {number} [status]
 */
function expectStatus(what, answer, status = 200) {
  if (answer.status !== status) {
    const message = typeof answer.error === 'string' ? answer.error : answer.error?.message;
    throw new JourneyError(
      `${what}: expected HTTP ${status}, got ${answer.status} (${message ?? 'no message'})`,
    );
  }
  return answer.data;
}

/** @param {boolean} condition @param {string} message */
function check(condition, message) {
  if (!condition) throw new JourneyError(message);
}

let stepNumber = 0;
/**
 * @template T
 * @param {string} name @param {() => Promise<T>} run
 * @returns {Promise<T>}
 */
async function step(name, run) {
  stepNumber += 1;
  const started = Date.now();
  try {
    const result = await run();
    console.log(`✓ ${stepNumber}. ${name} (${Date.now() - started} ms)`);
    return result;
  } catch (error) {
    console.error(`✗ ${stepNumber}. ${name}`);
    throw error;
  }
}

/** @typedef {{ email: string, password: string, token: string }} User */

const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
/** @type {User[]} */
const users = [];

/** @param {string} label @returns {Promise<User>} */
async function signUp(label) {
  const email = `acceptance-${runId}-${label}@example.com`;
  const password = randomBytes(12).toString('hex');
  const data = expectStatus(
    `auth/signUp ${label}`,
    await mutation('auth/signUp', { email, password, name: `Acceptance ${label}` }),
  );
  check(typeof data?.accessToken === 'string', `auth/signUp ${label}: no accessToken in the answer`);
  const user = { email, password, token: data.accessToken };
  users.push(user);
  return user;
}

async function journey() {
  console.log(`acceptance journey against ${apiUrl} (run ${runId})`);
  await step('the API is healthy', async () => {
    // /health is plain JSON, not tRPC.
    const health = await request('GET', 'health');
    check(health.status === 200, `GET /health: HTTP ${health.status}`);
    check(
      health.json?.status === 'ok' && health.json?.database === 'ok',
      `GET /health: ${JSON.stringify(health.json)}`,
    );
  });

  const [alice, bob] = await step('two throw-away users sign up', async () => [
    await signUp('a'),
    await signUp('b'),
  ]);
  await step('the first user is who the token says', async () => {
    const me = expectStatus('auth/me', await query('auth/me', undefined, alice.token));
    check(me?.email === alice.email, `auth/me: expected ${alice.email}, got ${me?.email}`);
  });

  const goal = await step('a goal with a hand-written sub-goal and action', async () => {
    const created = expectStatus(
      'goals/create',
      await mutation('goals/create', { title: 'Acceptance: run a full marathon' }, alice.token),
    );
    expectStatus(
      'goals/setSubGoal',
      await mutation(
        'goals/setSubGoal',
        { goalId: created.id, position: 0, title: 'Build endurance' },
        alice.token,
      ),
    );
    expectStatus(
      'goals/setAction',
      await mutation(
        'goals/setAction',
        { goalId: created.id, subGoalPosition: 0, position: 0, title: 'Run 5 km three times a week' },
        alice.token,
      ),
    );
    return created;
  });

  const jobId = await step('the AI drafts the rest of the chart to completion', async () => {
    const { jobId } = expectStatus(
      'ai/generate',
      await mutation('ai/generate', { goalId: goal.id }, alice.token),
    );
    const giveUpAt = Date.now() + aiTimeoutMs;
    let last = '';
    for (;;) {
      const status = expectStatus('ai/status', await query('ai/status', { jobId }, alice.token));
      if (status.status !== last) console.log(`  … AI draft ${jobId}: ${status.status}`);
      last = status.status;
      if (status.status === 'succeeded') break;
      check(status.status !== 'failed', `ai/status: the draft failed (${status.error ?? 'no reason given'})`);
      check(Date.now() < giveUpAt, `ai/status: still ${status.status} after ${aiTimeoutMs} ms`);
      await sleep(2_000);
    }
    const chart = expectStatus('goals/get', await query('goals/get', { goalId: goal.id }, alice.token));
    check(chart.subGoals?.length === 8, `goals/get: expected 8 sub-goals, got ${chart.subGoals?.length}`);
    check(
      chart.subGoals[0].title === 'Build endurance',
      'goals/get: the AI overwrote the hand-written sub-goal',
    );
    check(
      chart.subGoals[0].actions[0].title === 'Run 5 km three times a week',
      'goals/get: the AI overwrote the hand-written action',
    );
    /** @type {string[]} */
    const titles = chart.subGoals.flatMap((/** @type {any} */ s) => [
      s.title,
      ...s.actions.map((/** @type {any} */ a) => a.title),
    ]);
    const empty = titles.filter((title) => title === '').length;
    check(
      titles.length === 72 && empty === 0,
      `goals/get: ${empty} of ${titles.length} titles still empty after the draft`,
    );
    return jobId;
  });

  const task = await step('an action becomes a task, ticked off', async () => {
    const created = expectStatus(
      'tasks/create',
      await mutation(
        'tasks/create',
        { goalId: goal.id, subGoalPosition: 0, actionPosition: 0, title: 'First 5 km run' },
        alice.token,
      ),
    );
    expectStatus(
      'tasks/update',
      await mutation('tasks/update', { taskId: created.id, status: 'done' }, alice.token),
    );
    const tasks = expectStatus('tasks/list', await query('tasks/list', { goalId: goal.id }, alice.token));
    const listed = tasks.find((/** @type {any} */ t) => t.id === created.id);
    check(
      listed?.status === 'done',
      `tasks/list: expected the task done, got ${listed?.status ?? 'no task'}`,
    );
    return created;
  });

  const reflection = await step('a reflection on the progress', async () => {
    const created = expectStatus(
      'reflections/create',
      await mutation(
        'reflections/create',
        { goalId: goal.id, content: 'The first run went well.', rating: 4 },
        alice.token,
      ),
    );
    const reflections = expectStatus(
      'reflections/list',
      await query('reflections/list', { goalId: goal.id }, alice.token),
    );
    check(
      reflections.some((/** @type {any} */ r) => r.id === created.id && r.rating === 4),
      'reflections/list: the new reflection is missing',
    );
    return created;
  });

  await step('the second user sees nothing of the first', async () => {
    const goals = expectStatus(
      'goals/list as the second user',
      await query('goals/list', undefined, bob.token),
    );
    check(
      Array.isArray(goals) && goals.length === 0,
      `goals/list as the second user: ${goals?.length} goal(s) visible`,
    );
    const notFound = [
      ['goals/get', await query('goals/get', { goalId: goal.id }, bob.token)],
      ['tasks/list', await query('tasks/list', { goalId: goal.id }, bob.token)],
      ['reflections/list', await query('reflections/list', { goalId: goal.id }, bob.token)],
      ['ai/status', await query('ai/status', { jobId }, bob.token)],
      ['tasks/update', await mutation('tasks/update', { taskId: task.id, status: 'todo' }, bob.token)],
      [
        'reflections/delete',
        await mutation('reflections/delete', { reflectionId: reflection.id }, bob.token),
      ],
      ['goals/delete', await mutation('goals/delete', { goalId: goal.id }, bob.token)],
    ];
    for (const [what, answer] of /** @type {[string, Answer][]} */ (notFound)) {
      expectStatus(`${what} of the first user's data as the second user`, answer, 404);
    }
    const still = expectStatus('goals/get', await query('goals/get', { goalId: goal.id }, alice.token));
    check(still.id === goal.id, "goals/get: the first user's goal is gone after the second user's attempts");
  });
}

/** Deletes every signed-up user; a failure here fails the journey too (accounts must not pile up). */
async function deleteAccounts() {
  await step(`both accounts deleted (${users.length})`, async () => {
    for (const user of users.splice(0)) {
      const deleted = expectStatus(
        `auth/deleteAccount ${user.email}`,
        await mutation('auth/deleteAccount', { password: user.password }, user.token),
      );
      check(deleted?.deleted === true, `auth/deleteAccount ${user.email}: ${JSON.stringify(deleted)}`);
      expectStatus(
        `auth/me after deleting ${user.email}`,
        await query('auth/me', undefined, user.token),
        401,
      );
      expectStatus(
        `auth/signIn after deleting ${user.email}`,
        await mutation('auth/signIn', { email: user.email, password: user.password }),
        401,
      );
    }
  });
}

/** @type {unknown} */
let failure = null;
try {
  await journey();
} catch (error) {
  failure = error;
}
try {
  await deleteAccounts();
} catch (error) {
  failure ??= error;
}
if (failure !== null) {
  const message =
    failure instanceof JourneyError
      ? failure.message
      : String(/** @type {Error} */ (failure)?.stack ?? failure);
  console.error(`acceptance journey FAILED: ${message}`);
  process.exit(1);
}
console.log(`acceptance journey passed against ${apiUrl}`);
