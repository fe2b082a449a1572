/**
 * The floor of `cdk synth` for `test/bench/synth.ts`: a fresh process that loads aws-cdk-lib and bundles
 * every handler entry once with esbuild, exactly as ServiceFunction does — nothing else.
 *
 * Usage: node --import tsx test/bench/synth-floor.ts <outdir> <entry>...   Prints JSON: { bundles: [{ entry, bytes }] }.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import 'aws-cdk-lib';
import { build } from 'esbuild';
import { serviceBundle } from '../../stages/constructs/private/bundling-options.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const [outdir, ...entries] = process.argv.slice(2);
if (!outdir || entries.length === 0) {
  console.error('usage: synth-floor.ts <outdir> <entry>...');
  process.exit(2);
}

const bundles = [];
// One after another, as NodejsFunction bundles during synth.
for (const [index, entry] of entries.entries()) {
  const outfile = join(outdir, String(index), 'index.mjs');
  await build({
    entryPoints: [join(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: serviceBundle.format,
    target: serviceBundle.target,
    minify: serviceBundle.minify,
    sourcemap: serviceBundle.sourceMap,
    sourcesContent: serviceBundle.sourcesContent,
    mainFields: [...serviceBundle.mainFields],
    external: [...serviceBundle.externalModules],
    banner: { js: serviceBundle.banner },
    alias: { ...serviceBundle.alias },
    logLevel: 'error',
  });
  bundles.push({ entry, bytes: statSync(outfile).size });
}
console.log(JSON.stringify({ bundles }));
