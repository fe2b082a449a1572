/**
 * NodejsFunction finds this project's esbuild through require() and then runs it, once per function, as
 * `npx --no-install esbuild …`: npm's own start-up (~0.5 s of CPU) costs more than the bundle itself.
 * When the first `esbuild` on PATH is this project's own binary (as under `npm run`, `npx cdk` and
 * `npx vitest`, which put node_modules/.bin first), tell aws-cdk-lib to run it directly — what it does
 * when esbuild is installed outside the project. Same binary, same arguments, still local (no Docker).
 * Otherwise nothing changes and CDK keeps its npx runner.
 */
import { accessSync, constants, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The shape aws-cdk-lib's (internal) Bundling class caches its esbuild detection in. */
interface EsbuildInstallation {
  readonly isWorkspacePackage: boolean;
  readonly version: string;
}

let settled = false;

/** The first executable `esbuild` on PATH, with links resolved. */
function esbuildOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'esbuild');
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Run the project's esbuild binary directly instead of through npx, when PATH leads to it (once per process). */
export function runProjectEsbuildDirectly(): void {
  if (settled) return;
  settled = true;
  try {
    const esbuildPackage = dirname(require.resolve('esbuild/package.json'));
    const { version } = require('esbuild/package.json') as { version: string };
    if (esbuildOnPath() !== realpathSync(join(esbuildPackage, 'bin', 'esbuild'))) return;
    const cdkRoot = dirname(require.resolve('aws-cdk-lib/package.json'));
    const { Bundling } = require(join(cdkRoot, 'aws-lambda-nodejs', 'lib', 'bundling.js')) as {
      Bundling?: { esbuildInstallation?: EsbuildInstallation };
    };
    // Only where this aws-cdk-lib still caches the detection there and has not detected yet.
    if (!Bundling || !('esbuildInstallation' in Bundling) || Bundling.esbuildInstallation) return;
    Bundling.esbuildInstallation = { isWorkspacePackage: false, version };
  } catch {
    // Anything unexpected: leave CDK's own detection (npx) in place.
  }
}
