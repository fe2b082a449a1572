/**
 * Where the local runner finds the state-machine definition synthesized from the workflow stack, and
 * the hash of the sources it was synthesized from (so `npm start` re-synthesizes only after a change).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The synthesizing entry (it imports aws-cdk-lib through stages/workflow-definition.ts, which runtime code must not). */
export const definitionScript = 'bin/workflow-definition.ts';

/** Where the generated definition is cached: a build cache, outside the source tree (never committed or linted). */
export const defaultDefinitionFile = `${repoRoot}node_modules/.cache/goal-mandala/workflow-definition.json`;

/** Everything the synthesized definition depends on. */
const sources = [
  'stages/workflow-stack.ts',
  'stages/constructs/service-function.ts',
  'services/workflow/steps.ts',
  'local/workflow/definition-source.ts',
  'local/workflow/local-model.ts',
  'stages/workflow-definition.ts',
  definitionScript,
  'node_modules/aws-cdk-lib/package.json',
];

export function definitionSourceHash(): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source).update(readFileSync(repoRoot + source));
  return hash.digest('hex');
}

/** The file the script writes: the resolved Amazon States Language definition, stamped with the source hash. */
export interface GeneratedDefinition {
  readonly sourceHash: string;
  /** Logical id of the state machine in the workflow stack's template. */
  readonly stateMachineLogicalId: string;
  readonly definition: Record<string, unknown>;
}
