/**
 * Where the local runner finds the state-machine definition synthesized from the workflow stack, and
 * the hash of the sources it was synthesized from (so `npm start` re-synthesizes only after a change).
 * The sources are derived, not listed: every repository file in bin/workflow-definition.ts's import graph
 * (esbuild's metafile, packages left external), plus the aws-cdk-lib version that synthesizes it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The synthesizing entry (it imports aws-cdk-lib through stages/workflow-definition.ts, which runtime code must not). */
export const definitionScript = 'bin/workflow-definition.ts';

/** Where the generated definition is cached: a build cache, outside the source tree (never committed or linted). */
export const defaultDefinitionFile = `${repoRoot}node_modules/.cache/goal-mandala/workflow-definition.json`;

/** The project's files `entry` imports, directly or not (paths relative to `root`, sorted). */
export function definitionInputs(root = repoRoot, entry = definitionScript): string[] {
  const { metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs).sort();
}

/** The hash of every input's path and content, and of the aws-cdk-lib release that synthesizes them. */
export function definitionSourceHash(root = repoRoot, entry = definitionScript): string {
  const hash = createHash('sha256');
  for (const input of definitionInputs(root, entry)) {
    hash
      .update(input)
      .update('\0')
      .update(readFileSync(join(root, input)))
      .update('\0');
  }
  return hash.update(`aws-cdk-lib@${awsCdkLibVersion(root)}`).digest('hex');
}

function awsCdkLibVersion(root: string): string {
  const manifest = join(root, 'node_modules/aws-cdk-lib/package.json');
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'none';
  }
}

/** The file the script writes: the resolved Amazon States Language definition, stamped with the source hash. */
export interface GeneratedDefinition {
  readonly sourceHash: string;
  /** Logical id of the state machine in the workflow stack's template. */
  readonly stateMachineLogicalId: string;
  readonly definition: Record<string, unknown>;
}
