/**
 * How every project Lambda is bundled, shared by `ServiceFunction` (through its bundle cache and local
 * esbuild) and by the benchmarks (`test/bench/synth.ts`, whose floor must bundle exactly as synth does, and
 * `test/bench/api.ts`'s cold start).
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { newestNodeRuntime, nodeMajorVersion } from './node-runtime.js';

const stub = (file: string) => fileURLToPath(new URL(`bundling-stubs/${file}`, import.meta.url));

/** esbuild target matching the Lambda runtime, e.g. `node24`. */
export const bundleTarget = `node${nodeMajorVersion(newestNodeRuntime())}`;

/** The esbuild settings of a service bundle: ESM, minified, tree-shaken, source maps apart, AWS SDK v3 left to the runtime. */
export const serviceBundle = {
  format: 'esm',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: bundleTarget,
  mainFields: ['module', 'main'],
  /** Provided by the Lambda Node.js runtime. */
  externalModules: ['@aws-sdk/*'],
  /**
   * Packages replaced by small stand-ins (see bundling-stubs/): code that is loaded but never needs
   * the real thing, which would push bundles past 400 KB.
   */
  alias: { glob: stub('glob.ts'), jiti: stub('jiti.ts'), semver: stub('semver.ts') },
  /** ESM bundles of CommonJS dependencies still call require(). */
  banner: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);",
} as const;

/**
 * Files of packages left out of every bundle (esbuild path externals, relative to the project), ~8 KB each time:
 * pg's client for the pg-native bindings, which Lambda never has. pg loads it only when asked for
 * (`pg.native`, NODE_PG_FORCE_NATIVE) and then treats a missing module as pg-native not installed.
 */
const leftOutFiles = ['./node_modules/pg/lib/native'];

/**
 * esbuild's options for one handler: `index.mjs` in `outdir`, plus a chunk per module only loaded by
 * `import()`. Code splitting is what keeps a lazy import lazy in a bundle: without it, a static import of
 * an external package (the AWS SDK) inside a lazily loaded module is hoisted to the bundle's top and loaded
 * at cold start.
 */
export function serviceBuildOptions(entry: string, projectRoot: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    absWorkingDir: projectRoot,
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: serviceBundle.format,
    target: serviceBundle.target,
    minify: serviceBundle.minify,
    sourcemap: serviceBundle.sourceMap,
    sourcesContent: serviceBundle.sourcesContent,
    mainFields: [...serviceBundle.mainFields],
    external: [...serviceBundle.externalModules, ...leftOutFiles],
    banner: { js: serviceBundle.banner },
    alias: { ...serviceBundle.alias },
    logLevel: 'warning',
  };
}
