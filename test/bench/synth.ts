/**
 * `npm run bench:synth`: how long a full `cdk synth` of the app takes against its floor, in one run.
 *
 *   synth  `npx cdk synth --quiet` into a temporary directory (a subprocess, as a developer or CI runs it)
 *   floor  a fresh process that loads aws-cdk-lib and bundles every handler entry found in that synth
 *          once, with ServiceFunction's esbuild options (test/bench/synth-floor.ts), nothing else
 *   synth without the packs  the same synth of the same app with no compliance pack and no built-in
 *          CloudFormation validation (test/bench/app-without-compliance.ts): what the checks add, measured
 *
 * Each is run BENCH_ROUNDS times (default 3), alternating, and the medians are compared.
 * Prints them, each Lambda bundle's minified size (index.mjs and its chunks, source maps apart) and two ratios:
 *   gate's cost  synth ÷ synth without the packs (what the compliance gate adds)   target ≤ 3.0
 *   app's cost   synth without the packs ÷ floor (what the app's synthesis adds)   target ≤ 3.0
 * and every bundle ≤ 400 KB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_ENTRY_METADATA } from '../../stages/constructs/service-function.js';
import { median } from './median.js';
import { positiveInt } from './positive-int.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE_LIMIT_BYTES = 400 * 1024;
const GATE_COST_TARGET = 3.0;
const APP_COST_TARGET = 3.0;
const rounds = positiveInt('bench:synth', 'BENCH_ROUNDS', 3);

function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { seconds: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    console.error(result.stderr.trim().split('\n').slice(-20).join('\n'));
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  }
  return { seconds, stdout: result.stdout };
}

/** Handler entries recorded by ServiceFunction in the cloud assembly's metadata files. */
function entriesIn(assemblyDir: string): string[] {
  const entries = new Set<string>();
  const walk = (dir: string): void => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isDirectory() && item.name.startsWith('assembly-')) walk(path);
      else if (item.name.endsWith('.metadata.json')) {
        const metadata = JSON.parse(readFileSync(path, 'utf8')) as Record<
          string,
          { type: string; data: unknown }[]
        >;
        for (const records of Object.values(metadata)) {
          for (const record of records)
            if (record.type === SERVICE_ENTRY_METADATA) entries.add(String(record.data));
        }
      }
    }
  };
  walk(assemblyDir);
  return [...entries].sort();
}

/** Sizes of the Lambda bundles staged in the cloud assembly (index.mjs and its chunks), ascending. */
function bundleSizesIn(assemblyDir: string): number[] {
  return readdirSync(assemblyDir, { withFileTypes: true })
    .filter((item) => item.isDirectory() && item.name.startsWith('asset.'))
    .map((item) => join(assemblyDir, item.name))
    .filter((dir) => existsSync(join(dir, 'index.mjs')))
    .map((dir) =>
      readdirSync(dir)
        .filter((file) => file.endsWith('.mjs'))
        .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0),
    )
    .sort((a, b) => a - b);
}

const work = mkdtempSync(join(tmpdir(), 'gm-bench-synth-'));
// As deep under node_modules as the bundle cache's build folders (bundle-cache.ts): esbuild writes pg's left-out
// native client as a path relative to the output folder, so only there are the floor's bundles byte for byte synth's.
const floorDir = join(repoRoot, 'node_modules/.cache/goal-mandala-bench-floor');
try {
  const synthRuns: number[] = [];
  const bareRuns: number[] = [];
  const floorRuns: number[] = [];
  let assemblyDir = '';
  let entries: string[] = [];
  let floorRun = { seconds: 0, stdout: '' };
  // Alternating rounds, medians reported: this machine is shared, and one slow run should not decide.
  for (let round = 0; round < rounds; round++) {
    assemblyDir = join(work, `cdk.out.${round}`);
    synthRuns.push(timed('npx', ['cdk', 'synth', '--quiet', '--output', assemblyDir]).seconds);
    entries = entriesIn(assemblyDir);
    if (entries.length === 0) throw new Error('no ServiceFunction entries found in the synthesized assembly');
    bareRuns.push(
      timed('npx', [
        'cdk',
        'synth',
        '--quiet',
        '--output',
        join(work, `bare.out.${round}`),
        '--app',
        'node --import tsx test/bench/app-without-compliance.ts',
      ]).seconds,
    );
    floorRun = timed(process.execPath, [
      '--import',
      'tsx',
      'test/bench/synth-floor.ts',
      join(floorDir, String(round)),
      ...entries,
    ]);
    floorRuns.push(floorRun.seconds);
    console.error(
      `round ${round + 1}/${rounds}: synth ${synthRuns.at(-1)!.toFixed(2)} s, without the packs ${bareRuns.at(-1)!.toFixed(2)} s, floor ${floorRun.seconds.toFixed(2)} s`,
    );
  }
  const synth = median(synthRuns);
  const bare = median(bareRuns);
  const floor = median(floorRuns);
  const { bundles } = JSON.parse(floorRun.stdout.trim().split('\n').at(-1)!) as {
    bundles: { entry: string; bytes: number }[];
  };

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `synth: ${synth.toFixed(2)} s  (npx cdk synth --quiet, ${entries.length} handler entries; medians of ${rounds} rounds)`,
  );
  console.log(
    `synth without the packs: ${bare.toFixed(2)} s  (same app, no compliance pack, no built-in validation)`,
  );
  console.log(`floor: ${floor.toFixed(2)} s  (load aws-cdk-lib + esbuild each entry once)`);
  console.log(`bundles (minified, source maps apart; limit ${kb(BUNDLE_LIMIT_BYTES)}):`);
  const width = Math.max(...bundles.map((b) => b.entry.length));
  for (const { entry, bytes } of bundles) {
    console.log(
      `  ${entry.padEnd(width)}  ${kb(bytes).padStart(9)}${bytes > BUNDLE_LIMIT_BYTES ? '  OVER LIMIT' : ''}`,
    );
  }
  // The floor must build what synth builds: each of its bundles staged by synth, byte for byte. Synth also
  // stages scripts it does not bundle (the site canary's plain index.mjs): those are counted apart.
  const unmatched = bundleSizesIn(assemblyDir);
  const missing = bundles.filter(({ bytes }) => {
    const at = unmatched.indexOf(bytes);
    if (at >= 0) unmatched.splice(at, 1);
    return at < 0;
  });
  console.log(
    `synth's own bundles: ${missing.length === 0 ? `all ${bundles.length} identical in size to the floor’s` : `DIFFERENT from the floor’s (${missing.map((b) => b.entry).join(', ')})`}; ${unmatched.length} other staged script(s)`,
  );
  const gateCost = synth / bare;
  const appCost = bare / floor;
  console.log(`bundle target: every bundle ≤ ${kb(BUNDLE_LIMIT_BYTES)}`);
  console.log(
    `gate's cost: ${gateCost.toFixed(2)}  (synth ÷ synth without the packs; target ≤ ${GATE_COST_TARGET.toFixed(1)}${gateCost > GATE_COST_TARGET ? ', OVER TARGET' : ''})`,
  );
  console.log(
    `app's cost: ${appCost.toFixed(2)}  (synth without the packs ÷ floor; target ≤ ${APP_COST_TARGET.toFixed(1)}${appCost > APP_COST_TARGET ? ', OVER TARGET' : ''})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(floorDir, { recursive: true, force: true });
}
