/**
 * `npm run bench:test -- --ref <ref>`: the whole `npm test` (vitest run) at another ref, in a git worktree
 * (test/bench/ref-worktree.ts), next to the same suite at HEAD, in one run on one machine.
 *
 * Each round runs both suites one after the other, the side going first alternating from round to round.
 * Each run starts with no cached Lambda bundle (as on a fresh clone; `--keep-bundle-cache` keeps them).
 * Prints each run's wall time with its test counts, then the medians and a final
 * `ratio: <HEAD ÷ ref>` (target ≤ 0.5 against the ref before the fast-feedback work).
 *
 * Options: --ref <ref> (default main), --rounds <n> (default 1; each run takes minutes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './median.js';
import { commitOf, refWorktree, repoRoot } from './ref-worktree.js';

const BENCH = 'bench:test';

function options() {
  try {
    return parseArgs({
      options: {
        ref: { type: 'string', default: 'main' },
        rounds: { type: 'string', default: '1' },
        'keep-bundle-cache': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${BENCH}: ${(error as Error).message}`);
    process.exit(1);
  }
}

interface SuiteRun {
  readonly seconds: number;
  readonly files: number;
  readonly tests: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Seconds per test file (relative path), from the report. */
  readonly perFile: Map<string, number>;
  /** `file > test: first line of the failure`, for each failed test. */
  readonly failures: string[];
}

/** `vitest run` in `dir`, as `npm test` runs it, timed; counts from its JSON report. */
function runSuite(dir: string, keepBundleCache: boolean): SuiteRun {
  if (!keepBundleCache) {
    rmSync(join(dir, 'node_modules/.cache/goal-mandala-bundles'), { recursive: true, force: true });
  }
  const reportDir = mkdtempSync(join(tmpdir(), 'gm-bench-test-'));
  const report = join(reportDir, 'report.json');
  const env = { ...process.env };
  delete env.CI; // the JUnit reporter is CI's, not the suite's
  delete env.TEST_DATABASE_URL; // `npm test` runs on the embedded PGlite
  try {
    const started = process.hrtime.bigint();
    spawnSync(join(dir, 'node_modules/.bin/vitest'), ['run', '--reporter=json', `--outputFile=${report}`], {
      cwd: dir,
      env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numTotalTestSuites: number;
      numTotalTests: number;
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: {
        name: string;
        startTime: number;
        endTime: number;
        message?: string;
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
      }[];
    };
    return {
      seconds,
      files: json.testResults.length,
      tests: json.numTotalTests,
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
      perFile: new Map(
        json.testResults.map((r) => [relative(dir, r.name), (r.endTime - r.startTime) / 1000] as const),
      ),
      failures: json.testResults.flatMap((file) => [
        ...(file.message ? [`${relative(dir, file.name)}: ${file.message.split('\n')[0]}`] : []),
        ...file.assertionResults
          .filter((test) => test.status === 'failed')
          .map(
            (test) =>
              `${relative(dir, file.name)} > ${test.fullName}: ${(test.failureMessages[0] ?? '').split('\n')[0]}`,
          ),
      ]),
    };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

const values = options();
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`${BENCH}: --rounds must be a positive whole number, got "${values.rounds}"`);
  process.exit(1);
}
const commit = commitOf(BENCH, values.ref!);
const head = commitOf(BENCH, 'HEAD');
const refDir = refWorktree(commit);
const sides = {
  ref: { label: `${values.ref} (${commit.slice(0, 7)})`, dir: refDir, runs: [] as SuiteRun[] },
  head: { label: `HEAD (${head.slice(0, 7)})`, dir: repoRoot, runs: [] as SuiteRun[] },
};
const describe = (run: SuiteRun) =>
  `${run.seconds.toFixed(1)} s  (${run.files} files, ${run.tests} tests: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped)`;

for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['ref', 'head'] as const) : (['head', 'ref'] as const);
  for (const side of order) {
    const run = runSuite(sides[side].dir, values['keep-bundle-cache']!);
    sides[side].runs.push(run);
    console.error(`round ${round + 1}/${rounds}: ${sides[side].label}: ${describe(run)}`);
  }
}

const refSeconds = median(sides.ref.runs.map((r) => r.seconds));
const headSeconds = median(sides.head.runs.map((r) => r.seconds));
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const side of [sides.ref, sides.head]) console.log(`${side.label}: ${describe(side.runs.at(-1)!)}`);
console.log(
  `median of ${rounds} round(s): ${sides.ref.label} ${refSeconds.toFixed(1)} s, ${sides.head.label} ${headSeconds.toFixed(1)} s`,
);
// Where the time went: the files that took longest at the ref, with their time at HEAD.
const refFiles = sides.ref.runs.at(-1)!.perFile;
const headFiles = sides.head.runs.at(-1)!.perFile;
console.log('slowest files at the ref (seconds in their worker, ref → HEAD):');
for (const [file, seconds] of [...refFiles].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(
    `  ${file.padEnd(60)} ${seconds.toFixed(1).padStart(7)} → ${(headFiles.get(file)?.toFixed(1) ?? '-').padStart(7)}`,
  );
}
const failed = [sides.ref, sides.head].filter((side) => side.runs.some((r) => r.failed > 0 || r.tests === 0));
if (failed.length > 0) console.log(`FAILING SUITE at ${failed.map((s) => s.label).join(', ')}`);
for (const side of failed) {
  for (const failure of side.runs.flatMap((run) => run.failures)) console.log(`  ${side.label}: ${failure}`);
}
console.log(`ratio: ${(headSeconds / refSeconds).toFixed(2)}`);
