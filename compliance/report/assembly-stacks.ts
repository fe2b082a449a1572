import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_STAGE, type AssemblyStack } from './findings.js';

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly properties?: { readonly directoryName?: string; readonly displayName?: string };
}

/** Lists the stacks of a cloud assembly and its nested (stage) assemblies, in manifest order. */
export function assemblyStacks(outdir: string, stage?: { name: string; path: string }): AssemblyStack[] {
  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const path = artifact.displayName ?? id;
      stacks.push({
        path,
        stage: stage?.name ?? APP_STAGE,
        stack: stage && path.startsWith(`${stage.path}/`) ? path.slice(stage.path.length + 1) : path,
      });
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      const path = artifact.properties.displayName ?? id;
      const nested = { name: path.split('/').at(-1)!, path };
      stacks.push(...assemblyStacks(join(outdir, artifact.properties.directoryName), nested));
    }
  }
  return stacks;
}
