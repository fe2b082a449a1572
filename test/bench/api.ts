/**
 * `npm run bench:api`: the API through the local stack (proxy events → tRPC Lambda adapter → pg) next to a
 * bare node:http + pg baseline running the same SQL, in one invocation, on the real PostgreSQL when one
 * answers on 127.0.0.1:5432 (a throw-away database), else on the embedded PGlite.
 *
 * Load: autocannon on `goals/get` of a full 8×8 chart and on `tasks/update`; req/s, p50, p99, errors, and the
 * server process's CPU time per request (steadier than req/s on a shared machine). The two servers (local stack
 * and baseline) run together in a child process, autocannon in this one, so neither side shares an event loop
 * with the load generator. The child logs at INFO to /dev/null: the handlers' per-request log line is written
 * (the baseline has none, being bare). Both pools get the same max: the local stack's own (DB_POOL_MAX, default
 * 10 on a real server), or BENCH_POOL_MAX.
 * Cold start: each handler bundled by esbuild with the ServiceFunction construct's options, imported by a
 * fresh node process, next to a fresh process importing an empty module (median of several runs).
 *
 * Rounds: each measures the handler and the baseline back to back, which side goes first alternating from
 * round to round (so a drifting machine load favours neither); a round's ratio compares the two halves of
 * that round only. The ratio reported is the median of the rounds' ratios: one round disturbed by another
 * process on this shared machine cannot move it (the ratio of the means is printed too).
 *
 * Environment: BENCH_DURATION_S (per side per round, default 5), BENCH_ROUNDS (default 5),
 * BENCH_WARMUP_S (per side before the rounds, default 5), BENCH_CONNECTIONS (default 10), BENCH_POOL_MAX
 * (pool max for both sides), BENCH_DATABASE_URL (a server URL to use instead of probing 127.0.0.1:5432).
 * Last line: `ratio: <handler req/s ÷ baseline req/s for goals/get, median of the rounds>` (target ≥ 0.6).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { serviceBuildOptions } from '../../stages/constructs/private/bundling-options.js';
import pg from 'pg';
import { healthRoute, serviceRoutes } from '../../services/api/routes.js';
import { getGoalChartSql } from '../../services/db/goals.js';
import { poolDefaults } from '../../services/db/pool.js';
import { updateTaskSql } from '../../services/db/tasks.js';
import { startLocalStack } from '../../local/local-stack.js';
import { appRoleNames } from '../../services/db/app-role.js';
import { coldStartOnce } from './cold-start-once.js';
import { median } from './median.js';
import { positiveInt } from './positive-int.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const durationS = positiveInt('bench:api', 'BENCH_DURATION_S', 5);
const connections = positiveInt('bench:api', 'BENCH_CONNECTIONS', 10);
const rounds = positiveInt('bench:api', 'BENCH_ROUNDS', 5);
const warmupS = positiveInt('bench:api', 'BENCH_WARMUP_S', 5);

/** A throw-away database on a reachable PostgreSQL server, or null. */
async function realDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 1_000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `gm_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      // The local stack made its application role on the server for this database.
      const roles = appRoleNames(`${name}_app`);
      for (const role of [roles.clone, roles.login, roles.group]) {
        await cleanup.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
      }
      await cleanup.end();
    },
  };
}

async function call(
  base: string,
  path: string,
  token: string,
  input?: unknown,
  method = 'POST',
): Promise<{ id: string }> {
  const query =
    method === 'GET' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
  const res = await fetch(`${base}/api/${path}${query}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: method === 'POST' ? JSON.stringify(input) : undefined,
  });
  if (!res.ok) throw new Error(`seed ${path}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { id: string } } }).result.data;
}

/** A user with a goal whose 8 sub-goals and 64 actions are all filled, and one task. */
async function seed(base: string) {
  const signUp = await fetch(`${base}/api/auth/signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      password: 'benchmark-pw',
      name: 'Bench',
    }),
  });
  const { accessToken: token, user } = (
    (await signUp.json()) as { result: { data: { accessToken: string; user: { id: string } } } }
  ).result.data;
  const goal = await call(base, 'goals/create', token, {
    title: 'Benchmark goal',
    description: 'full chart',
  });
  for (let s = 0; s < 8; s++) {
    await call(base, 'goals/setSubGoal', token, { goalId: goal.id, position: s, title: `Sub-goal ${s}` });
    for (let a = 0; a < 8; a++) {
      await call(base, 'goals/setAction', token, {
        goalId: goal.id,
        subGoalPosition: s,
        position: a,
        title: `Action ${s}.${a}`,
      });
    }
  }
  const task = await call(base, 'tasks/create', token, {
    goalId: goal.id,
    subGoalPosition: 0,
    actionPosition: 0,
    title: 'Bench task',
  });
  return { token, userId: user.id as string, goalId: goal.id as string, taskId: task.id as string };
}

/** The baseline: node:http + pg, the same SQL, no framework, no auth. */
async function startBaseline(
  databaseUrl: string,
  poolMax: number,
  userId: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, ...poolDefaults });
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url!, 'http://localhost');
      let data: unknown;
      if (url.pathname === '/goals/get') {
        const { goalId } = JSON.parse(url.searchParams.get('input')!);
        data = (await pool.query(getGoalChartSql, [goalId, userId])).rows[0].chart;
      } else {
        const { taskId, status } = JSON.parse(await readBody(req));
        const today = new Date().toISOString().slice(0, 10);
        const params = [taskId, userId, null, status, false, null, today, false, null, null];
        data = (await pool.query(updateTaskSql, params)).rows[0];
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { data } }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/** Messages between this process and the server child (`--serve`). */
type ToServer = { type: 'baseline'; userId: string } | { type: 'cpu' } | { type: 'stop' };
type FromServer =
  | { type: 'ready'; stackUrl: string; databaseUrl: string; poolMax: number }
  | { type: 'baseline'; url: string }
  | { type: 'cpu'; micros: number };

/** The child: local stack and baseline in one process (same machine share for both), driven over IPC. */
async function serve(): Promise<void> {
  const send = (message: FromServer) => process.send!(message);
  const stack = await startLocalStack({
    port: 0,
    databaseUrl: process.env.BENCH_SERVE_DATABASE_URL || undefined,
    workflow: false,
  });
  const databaseUrl = process.env.BENCH_SERVE_DATABASE_URL || stack.embeddedDatabase!.url;
  // The local stack's pool size (DB_POOL_MAX: BENCH_POOL_MAX, else its default); the baseline takes the same.
  const poolMax = stack.poolMax;
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.type === 'baseline') {
        baseline = await startBaseline(databaseUrl, poolMax, message.userId);
        send({ type: 'baseline', url: baseline.url });
      } else if (message.type === 'cpu') {
        const { user, system } = process.cpuUsage();
        send({ type: 'cpu', micros: user + system });
      } else {
        await baseline?.close();
        await stack.close();
        process.exit(0);
      }
    })();
  });
  send({ type: 'ready', stackUrl: stack.url, databaseUrl, poolMax });
}

/** Starts the server child and returns a request/answer channel to it. */
async function startServer(databaseUrl: string | undefined) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve'],
    {
      // stdout (the handlers' JSON log lines) to /dev/null: written like on Lambda, read by no one.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        BENCH_SERVE_DATABASE_URL: databaseUrl ?? '',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(process.env.BENCH_POOL_MAX && { DB_POOL_MAX: process.env.BENCH_POOL_MAX }),
      },
    },
  );
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench server exited (code ${code})`));
      child.once('exit', onExit);
      child.once('message', (message: FromServer) => {
        child.off('exit', onExit);
        if (message.type !== type) reject(new Error(`bench server: expected ${type}, got ${message.type}`));
        else resolve(message as Extract<FromServer, { type: T }>);
      });
    });
  const ask = <T extends FromServer['type']>(message: ToServer & { type: T }) => {
    const answer = next(message.type);
    child.send(message);
    return answer;
  };
  const ready = await next('ready');
  return {
    ...ready,
    ask,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies ToServer);
      await exited;
    },
  };
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server process CPU (user + system) per request, µs. */
  cpuUs: number;
}

function mean(runs: Load[]): Load {
  const avg = (pick: (l: Load) => number) => runs.reduce((sum, l) => sum + pick(l), 0) / runs.length;
  return {
    rps: avg((l) => l.rps),
    p50: avg((l) => l.p50),
    p99: avg((l) => l.p99),
    errors: runs.reduce((s, l) => s + l.errors, 0),
    cpuUs: avg((l) => l.cpuUs),
  };
}

async function load(
  server: Awaited<ReturnType<typeof startServer>>,
  url: string,
  opts: { method?: 'POST'; body?: string; token?: string },
  duration = durationS,
): Promise<Load> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const cpuBefore = (await server.ask({ type: 'cpu' })).micros;
  // This process only generates load; the servers are in the child.
  const result = await autocannon({
    url,
    connections,
    duration,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers,
  });
  const cpu = (await server.ask({ type: 'cpu' })).micros - cpuBefore;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuUs: cpu / Math.max(result.requests.total, 1),
  };
}

/** Bundles each handler as the ServiceFunction construct does (the same esbuild options, code splitting included). */
async function bundleHandlers(dir: string): Promise<{ name: string; file: string }[]> {
  const entries = [
    ...serviceRoutes.map((r) => ({ name: r.service, entry: r.entry })),
    { name: 'health', entry: healthRoute.entry },
  ];
  return Promise.all(
    entries.map(async ({ name, entry }) => {
      const outdir = join(dir, name);
      await build(serviceBuildOptions(join(repoRoot, entry), repoRoot, outdir));
      return { name, file: join(outdir, 'index.mjs') };
    }),
  );
}

/** Median cold start per file; runs interleave the files so a busy machine skews them alike. */
function coldStarts(files: { name: string; file: string }[], runs: number): Map<string, number> {
  const times = new Map(files.map(({ name }) => [name, [] as number[]]));
  for (let i = 0; i < runs; i++)
    for (const { name, file } of files) times.get(name)!.push(coldStartOnce(file));
  return new Map([...times].map(([name, t]) => [name, median(t)]));
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  process.env.APP_VERSION ??= execFileSync('git', ['rev-parse', 'HEAD'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).trim();
  const real = await realDatabase();
  const server = await startServer(real?.url);
  console.log(
    `database: ${real ? 'PostgreSQL on 127.0.0.1:5432 (throw-away database)' : 'embedded PGlite'}; pool max ${server.poolMax} for both`,
  );
  console.log(
    `servers: local stack and baseline in one child process (logs at INFO to /dev/null); autocannon in this process`,
  );
  console.log(
    `load: ${connections} connections, ${warmupS} s warm-up each, then ${rounds} rounds of ${durationS} s per side, ` +
      `the side going first alternating (req/s, latency, CPU: means of the rounds; ratio: median of the rounds' ratios)`,
  );
  try {
    const { token, userId, goalId, taskId } = await seed(server.stackUrl);
    const baseline = await server.ask({ type: 'baseline', userId });
    const getQuery = `?input=${encodeURIComponent(JSON.stringify({ goalId }))}`;
    const updateBody = JSON.stringify({ taskId, status: 'doing' });
    const results: Record<
      string,
      { handler: Load; baseline: Load; ratios: number[]; rounds: { handler: Load; baseline: Load }[] }
    > = {};
    for (const [name, path, method, body] of [
      ['goals/get', `goals/get${getQuery}`, undefined, undefined],
      ['tasks/update', 'tasks/update', 'POST', updateBody],
    ] as const) {
      const handlerUrl = `${server.stackUrl}/api/${path}`;
      const baselineUrl = `${baseline.url}/${path}`;
      // Warm both (JIT, connections, caches), then alternate so drift on a busy machine hits both alike.
      // The same warm-up for both; the handler path has far more code for the JIT to settle.
      await load(server, handlerUrl, { method, body, token }, warmupS);
      await load(server, baselineUrl, { method, body }, warmupS);
      const measured: { handler: Load; baseline: Load }[] = [];
      const measureHandler = () => load(server, handlerUrl, { method, body, token });
      const measureBaseline = () => load(server, baselineUrl, { method, body });
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          const handler = await measureHandler();
          measured.push({ handler, baseline: await measureBaseline() });
        } else {
          const baseline = await measureBaseline();
          measured.push({ handler: await measureHandler(), baseline });
        }
      }
      results[name] = {
        handler: mean(measured.map((r) => r.handler)),
        baseline: mean(measured.map((r) => r.baseline)),
        ratios: measured.map((r) => r.handler.rps / r.baseline.rps),
        rounds: measured,
      };
    }

    console.log('\n            run       req/s   p50 ms   p99 ms   errors   CPU µs/req');
    for (const [name, r] of Object.entries(results)) {
      for (const [label, l] of [
        ['handler', r.handler],
        ['baseline', r.baseline],
      ] as const) {
        console.log(
          `${name.padEnd(13)} ${label.padEnd(8)}${fmt(l.rps)}${fmt(l.p50)}${fmt(l.p99)}${fmt(l.errors)}${fmt(l.cpuUs, 0).padStart(13)}`,
        );
      }
      console.log(
        `${name.padEnd(13)} p99 ÷ baseline p99: ${(r.handler.p99 / Math.max(r.baseline.p99, 1)).toFixed(2)} (target ≤ 2); ` +
          `req/s ratio per round: ${r.ratios.map((x) => x.toFixed(2)).join(' ')} ` +
          `(handler/baseline req/s: ${r.rounds.map((x) => `${x.handler.rps.toFixed(0)}/${x.baseline.rps.toFixed(0)}`).join(' ')}); ` +
          `median ${median(r.ratios).toFixed(2)}, ratio of the means ${(r.handler.rps / r.baseline.rps).toFixed(2)}; ` +
          `CPU per request ÷ baseline: ${(r.handler.cpuUs / r.baseline.cpuUs).toFixed(2)}`,
      );
    }

    // Inside node_modules/.cache so the bundles' external @aws-sdk/* imports resolve as the Lambda runtime's would.
    const dir = join(repoRoot, 'node_modules/.cache/gm-bench-api');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const bundles = await bundleHandlers(dir);
    const runs = 9;
    const cold = coldStarts([{ name: 'empty module', file: empty }, ...bundles], runs);
    const emptyMs = cold.get('empty module')!;
    console.log(
      `\ncold start (fresh node process importing the esbuild bundle, median of ${runs}, interleaved)`,
    );
    console.log(`empty module  ${fmt(emptyMs)} ms`);
    for (const { name } of bundles) {
      const ms = cold.get(name)!;
      console.log(
        `${name.padEnd(13)} ${fmt(ms)} ms   +${(ms - emptyMs).toFixed(0)} ms over empty (target ≤ 150)`,
      );
    }
    rmSync(dir, { recursive: true, force: true });

    console.log(`\nratio: ${median(results['goals/get']!.ratios).toFixed(2)}`);
  } finally {
    await server.stop();
    await real?.drop();
  }
}

if (process.argv.includes('--serve')) await serve();
else await main();
