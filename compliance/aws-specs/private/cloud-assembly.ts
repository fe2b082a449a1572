/**
 * The templates of a cloud assembly as written to disk: every stack of the top-level manifest and of
 * each nested (stage) assembly, with the account and region it deploys to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly [key: string]: unknown;
}

export interface StackTemplate {
  /** Path of the template file inside the assembly directory: how findings name it. */
  readonly file: string;
  /** The CloudFormation stack name (`Staging-Edge`, `GoalMandalaPipeline`). */
  readonly stackName: string;
  /** The construct path (`GoalMandalaPipeline/Staging/Edge`). */
  readonly displayName: string;
  readonly account: string;
  readonly region: string;
  readonly template: CfnTemplate;
}

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly environment?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly directoryName?: string;
  };
}

/** An assembly directory that is not one (no manifest.json): one line for the command to print. */
export class AssemblyNotFoundError extends Error {}

export function readCloudAssembly(directory: string): StackTemplate[] {
  if (!existsSync(join(directory, 'manifest.json'))) {
    throw new AssemblyNotFoundError(
      `${directory} is not a cloud assembly (no manifest.json): run cdk synth first`,
    );
  }
  return readManifest(directory, directory);
}

function readManifest(root: string, directory: string): StackTemplate[] {
  const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks: StackTemplate[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    const properties = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack' && properties.templateFile) {
      const path = join(directory, properties.templateFile);
      const [, account = 'unknown-account', region = 'unknown-region'] =
        /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
      stacks.push({
        file: relative(root, path),
        stackName: properties.stackName ?? id,
        displayName: artifact.displayName ?? id,
        account,
        region,
        template: JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate,
      });
    } else if (artifact.type === 'cdk:cloud-assembly' && properties.directoryName) {
      stacks.push(...readManifest(root, join(directory, properties.directoryName)));
    }
  }
  return stacks;
}
