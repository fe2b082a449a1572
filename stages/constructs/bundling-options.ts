/**
 * How every project Lambda is bundled, shared by `ServiceFunction` (through NodejsFunction and local
 * esbuild) and by `bench/synth.ts`, whose floor must bundle exactly as synth does.
 */
import { newestNodeRuntime, nodeMajorVersion } from './node-runtime.js';

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
  /** ESM bundles of CommonJS dependencies still call require(). */
  banner: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);",
} as const;
