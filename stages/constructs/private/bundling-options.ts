/**
 * How every project Lambda is bundled, shared by `ServiceFunction` (through NodejsFunction and local
 * esbuild) and by `test/bench/synth.ts`, whose floor must bundle exactly as synth does.
 */
import { fileURLToPath } from 'node:url';
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
