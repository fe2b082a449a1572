/**
 * The floor of `cdk synth` for `test/bench/synth.ts`: a fresh process that loads aws-cdk-lib and bundles
 * every handler entry once with esbuild, with ServiceFunction's options — nothing else (no cache).
 *
 * Usage: node --import tsx test/bench/synth-floor.ts <outdir> <entry>...   Prints JSON: { bundles: [{ entry, bytes }] }.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import 'aws-cdk-lib';
import { build } from 'esbuild';
import { serviceBuildOptions } from '../../stages/constructs/private/bundling-options.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const [outdir, ...entries] = process.argv.slice(2);
if (!outdir || entries.length === 0) {
  console.error('usage: synth-floor.ts <outdir> <entry>...');
  process.exit(2);
}

/** A bundle's JavaScript (index.mjs and its lazily loaded chunks), source maps apart. */
const codeBytes = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.mjs'))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);

const bundles = [];
// One after another, each entry once, with ServiceFunction's esbuild options.
for (const [index, entry] of entries.entries()) {
  const dir = join(outdir, String(index));
  await build(serviceBuildOptions(join(repoRoot, entry), repoRoot, dir));
  bundles.push({ entry, bytes: codeBytes(dir) });
}
console.log(JSON.stringify({ bundles }));
