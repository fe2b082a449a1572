/**
 * The bootstrap version the synthesized stacks require: the highest `requiresBootstrapStackVersion` in the
 * cloud assembly (nested stage assemblies included), or aws-cdk-lib's floor when nothing is synthesized yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What aws-cdk-lib's DefaultStackSynthesizer asks of a bootstrap stack to deploy with it. */
export const MINIMUM_BOOTSTRAP_VERSION = 6;

interface Manifest {
  readonly artifacts?: Record<
    string,
    { type?: string; properties?: { requiresBootstrapStackVersion?: number; directoryName?: string } }
  >;
}

export function requiredBootstrapVersion(assemblyDir: string): { version: number; from: string } {
  const found = highest(assemblyDir, 0);
  return found > 0
    ? { version: found, from: `the cloud assembly in ${assemblyDir}` }
    : {
        version: MINIMUM_BOOTSTRAP_VERSION,
        from: `aws-cdk-lib's minimum (no cloud assembly in ${assemblyDir})`,
      };
}

function highest(dir: string, depth: number): number {
  const file = join(dir, 'manifest.json');
  if (depth > 3 || !existsSync(file)) return 0;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  let version = 0;
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    version = Math.max(version, artifact.properties?.requiresBootstrapStackVersion ?? 0);
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      version = Math.max(version, highest(join(dir, artifact.properties.directoryName), depth + 1));
    }
  }
  return version;
}
