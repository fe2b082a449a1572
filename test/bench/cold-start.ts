/**
 * `npm run bench:cold-start -- --ref <ref>`: the API handlers' cold start at another ref next to HEAD's, in
 * one run. Each side's handlers are bundled as that side's ServiceFunction bundles them (its own
 * `stages/constructs/private/bundling-options.ts`; before code splitting, one `index.mjs` per handler), then
 * fresh node processes import each bundle, as on Lambda (`AWS_LAMBDA_FUNCTION_NAME` set), interleaved with an
 * empty module so a busy machine skews them alike. Medians of BENCH_RUNS (default 15) per bundle.
 *
 * Prints each handler's milliseconds above the empty module at the ref and at HEAD (target ≤ 150 at HEAD),
 * and a final `ratio: <HEAD ÷ ref, median over the handlers of the time above the empty module>`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { coldStartOnce } from './cold-start-once.js';
import { median } from './median.js';
import { positiveInt } from './positive-int.js';
import { commitOf, refWorktree, repoRoot } from './ref-worktree.js';

const BENCH = 'bench:cold-start';
const TARGET_MS = 150;
const runs = positiveInt(BENCH, 'BENCH_RUNS', 15);

let ref: string;
try {
  ref = parseArgs({ options: { ref: { type: 'string', default: 'main' } } }).values.ref!;
} catch (error) {
  console.error(`${BENCH}: ${(error as Error).message}`);
  process.exit(1);
}

interface BundlingModule {
  serviceBuildOptions?: (entry: string, projectRoot: string, outdir: string) => BuildOptions;
  serviceBundle: {
    format: 'esm';
    target: string;
    minify: boolean;
    sourceMap: boolean;
    sourcesContent: boolean;
    mainFields: readonly string[];
    externalModules: readonly string[];
    banner: string;
    alias?: Record<string, string>;
  };
}

/** Bundles each API handler of the checkout in `root` as its own ServiceFunction does; returns each index.mjs. */
async function bundleApiHandlers(root: string, outdir: string): Promise<Map<string, string>> {
  const bundling = (await import(
    pathToFileURL(join(root, 'stages/constructs/private/bundling-options.ts')).href
  )) as BundlingModule;
  const { serviceRoutes, healthRoute } = (await import(
    pathToFileURL(join(root, 'services/api/routes.ts')).href
  )) as {
    serviceRoutes: readonly { service: string; entry: string }[];
    healthRoute: { entry: string };
  };
  const entries = [...serviceRoutes.map((r) => [r.service, r.entry]), ['health', healthRoute.entry]] as const;
  const files = new Map<string, string>();
  for (const [name, entry] of entries) {
    const dir = join(outdir, name);
    const { serviceBuildOptions, serviceBundle: b } = bundling;
    await build(
      serviceBuildOptions
        ? serviceBuildOptions(join(root, entry), root, dir)
        : // Before code splitting: NodejsFunction's single-file bundle with these options.
          {
            entryPoints: [join(root, entry)],
            outfile: join(dir, 'index.mjs'),
            bundle: true,
            platform: 'node',
            format: b.format,
            target: b.target,
            minify: b.minify,
            sourcemap: b.sourceMap,
            sourcesContent: b.sourcesContent,
            mainFields: [...b.mainFields],
            external: [...b.externalModules],
            banner: { js: b.banner },
            alias: { ...b.alias },
            logLevel: 'error',
          },
    );
    files.set(name, join(dir, 'index.mjs'));
  }
  return files;
}

const commit = commitOf(BENCH, ref);
const refDir = refWorktree(commit);
// Inside node_modules/.cache so the bundles' external @aws-sdk/* imports resolve as the Lambda runtime's would.
const work = join(repoRoot, 'node_modules/.cache/gm-bench-cold-start');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  const empty = join(work, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const refBundles = await bundleApiHandlers(refDir, join(work, 'ref'));
  const headBundles = await bundleApiHandlers(repoRoot, join(work, 'head'));
  const files = [
    { side: 'empty', name: 'empty', file: empty },
    ...[...refBundles].map(([name, file]) => ({ side: 'ref', name, file })),
    ...[...headBundles].map(([name, file]) => ({ side: 'head', name, file })),
  ];
  const times = new Map(files.map((f) => [`${f.side}:${f.name}`, [] as number[]]));
  for (let i = 0; i < runs; i++) {
    for (const f of i % 2 === 0 ? files : [...files].reverse())
      times.get(`${f.side}:${f.name}`)!.push(coldStartOnce(f.file));
  }
  const ms = (key: string) => median(times.get(key)!);
  const emptyMs = ms('empty:empty');
  console.log(`cold start: fresh node process importing the bundle, median of ${runs}, interleaved`);
  console.log(`empty module ${emptyMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `handler       ${`${ref} (${commit.slice(0, 7)})`.padStart(20)}  ${'HEAD'.padStart(10)}   (ms above the empty module)`,
  );
  const ratios: number[] = [];
  for (const name of headBundles.keys()) {
    const before = ms(`ref:${name}`) - emptyMs;
    const after = ms(`head:${name}`) - emptyMs;
    if (refBundles.has(name)) ratios.push(after / before);
    console.log(
      `${name.padEnd(13)} ${`+${before.toFixed(0)}`.padStart(20)}  ${`+${after.toFixed(0)}`.padStart(10)}${after > TARGET_MS ? `   OVER ${TARGET_MS}` : ''}`,
    );
  }
  console.log(`target: ≤ ${TARGET_MS} ms above the empty module at HEAD (meaningful on an idle machine)`);
  console.log(`ratio: ${median(ratios).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
