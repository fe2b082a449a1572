/**
 * `npm run bench:workflow`: how long one AI generation takes when the model answers after a fixed delay L.
 *
 * Runs the synthesized task-generation definition locally (aws-local-stepfunctions, the step handlers in
 * process, the real Bedrock Runtime client against the local endpoint, PostgreSQL) on empty charts. One generation is 1 sub-goal call followed by 8 action calls; with the
 * Map really parallel it takes about 2·L, run one after another it would take 9·L.
 *
 * Environment: BENCH_MODEL_DELAY_MS (L, default 1000), BENCH_GENERATIONS (default 7), BENCH_DATABASE_URL
 * (a PostgreSQL database the bench may migrate and write to; default an embedded PGlite).
 * Last line: `ratio: <median generation time ÷ L>` (target ≤ 2.5).
 */
import { randomUUID } from 'node:crypto';
import { insertGoal } from '../../services/db/goals.js';
import { migrate } from '../../services/db/migrate.js';
import { createPool } from '../../services/db/pool.js';
import { insertUser } from '../../services/db/users.js';
import { startEmbeddedPostgres } from '../../local/embedded-postgres.js';
import { logger } from '../../services/shared/logger.js';
import { LocalBedrockServer } from '../../local/workflow/bedrock-server.js';
import { loadWorkflowDefinition } from '../../local/workflow/definition.js';
import { localBedrockModelId } from '../../local/workflow/local-model.js';
import { LocalWorkflowRunner } from '../../local/workflow/runner.js';
import { positiveInt } from './positive-int.js';

// About what Claude 3 Haiku takes for one of these short answers.
const delayMs = positiveInt('bench:workflow', 'BENCH_MODEL_DELAY_MS', 1000);
const generations = positiveInt('bench:workflow', 'BENCH_GENERATIONS', 7);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

logger.setLogLevel('SILENT');
const benchDatabaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const embedded = benchDatabaseUrl ? undefined : await startEmbeddedPostgres();
const pool = createPool({ connectionString: benchDatabaseUrl ?? embedded!.url }, embedded ? 1 : 4);
await migrate(pool);

const bedrock = await LocalBedrockServer.start({ behaviour: { delayMs } });
const runner = new LocalWorkflowRunner({
  definition: loadWorkflowDefinition(),
  dependencies: {
    db: () => Promise.resolve(pool),
    model: () => ({
      modelId: localBedrockModelId,
      endpoint: bedrock.url,
      requestTimeoutMs: 50_000,
      region: 'ap-northeast-1',
    }),
  },
});

console.log(
  `model delay L = ${delayMs} ms, ${generations} generations (+1 warm-up), database: ${embedded ? 'embedded PGlite' : 'BENCH_DATABASE_URL'}`,
);
const steps = ['StartJob', 'DraftSubGoals', 'DraftActionsForEachSubGoal', 'SaveDrafts'];
console.log(`generation  model calls  actions filled  time (ms)  time ÷ L  | ${steps.join(' / ')} (ms)`);

const times: number[] = [];
/** Milliseconds between a top-level state's entry and exit. */
function stepTimes(
  events: readonly { type: string; timestamp: number; state?: { name: string }; index?: number }[],
) {
  return steps.map((name) => {
    const top = events.filter((e) => e.state?.name === name && e.index === undefined);
    const entered = top.find((e) => e.type === 'StateEntered')?.timestamp ?? NaN;
    const exited = top.find((e) => e.type === 'StateExited')?.timestamp ?? NaN;
    return exited - entered;
  });
}
try {
  for (let i = 0; i <= generations; i++) {
    const user = (await insertUser(pool, {
      email: `${randomUUID()}@bench.example`,
      name: 'Bench',
      passwordHash: 'x',
    }))!;
    const goal = (await insertGoal(pool, user.id, { title: `Run a marathon under four hours (${i})` }))!;
    const job = await pool.query<{ id: string }>(
      'INSERT INTO ai_jobs (goal_id, user_id) VALUES ($1, $2) RETURNING id',
      [goal.id, user.id],
    );
    const jobId = job.rows[0]!.id;
    bedrock.reset();
    bedrock.configure({ delayMs });

    const started = performance.now();
    const result = await runner.run({ jobId, goalId: goal.id, userId: user.id }, jobId);
    const elapsed = performance.now() - started;

    if (result.status !== 'SUCCEEDED')
      throw new Error(`generation ${i} ended ${result.status}: ${result.error} ${result.cause}`);
    const filled = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM actions WHERE goal_id = $1 AND title <> ''`,
      [goal.id],
    );
    const label = i === 0 ? 'warm-up' : String(i);
    console.log(
      `${label.padEnd(10)}  ${String(bedrock.calls.length).padStart(11)}  ${String(filled.rows[0]!.n).padStart(14)}  ${elapsed.toFixed(0).padStart(9)}  ${(elapsed / delayMs).toFixed(2).padStart(8)}  | ${stepTimes(result.events).join(' / ')}`,
    );
    if (i > 0) times.push(elapsed);
  }
} finally {
  await runner.stop();
  await bedrock.stop();
  await pool.end();
  await embedded?.stop();
}

const typical = median(times);
console.log(
  `\nmedian ${typical.toFixed(0)} ms  |  parallel ideal 2·L = ${2 * delayMs} ms  |  sequential 9·L = ${9 * delayMs} ms`,
);
console.log(`ratio: ${(typical / delayMs).toFixed(2)}`);
