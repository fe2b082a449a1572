/**
 * The stacks of one deployment stage in a synthesized cloud assembly (`cdk.out`), as the pipeline
 * deploys them: the stage is a nested assembly (`assembly-<Pipeline>-<Stage>`), picked by its name.
 */
import { basename } from 'node:path';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/** One stack of the stage, with the template the pipeline would deploy. */
export interface StageStack {
  /** The assembly's artifact id; the deployed template's file is `<artifactId>.template.json`. */
  readonly artifactId: string;
  /** The CloudFormation stack name (`Production-Data`). */
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly template: Record<string, unknown>;
  /** The file name a deployed copy of this stack's template goes by. */
  readonly templateFileName: string;
}

/** No such stage in the assembly: names the stages that are there. */
export class StageNotFoundError extends Error {
  override readonly name = 'StageNotFoundError';
}

/**
 * The stacks of the stage named `stageName` (the last part of the stage's construct path, e.g.
 * `Production`), in the assembly's dependency order.
 */
export function readStageStacks(assemblyDir: string, stageName: string): StageStack[] {
  const assembly = new CloudAssembly(assemblyDir);
  const stages = assembly.nestedAssemblies;
  const stage = stages.find((nested) => nested.displayName.split('/').at(-1) === stageName);
  if (!stage) {
    const known = stages.map((nested) => nested.displayName.split('/').at(-1)).join(', ') || 'none';
    throw new StageNotFoundError(
      `stage "${stageName}" is not in the assembly ${assemblyDir} (stages: ${known})`,
    );
  }
  return stage.nestedAssembly.stacks.map(toStageStack);
}

function toStageStack(stack: CloudFormationStackArtifact): StageStack {
  return {
    artifactId: stack.id,
    stackName: stack.stackName,
    account: stack.environment.account,
    region: stack.environment.region,
    template: stack.template as Record<string, unknown>,
    templateFileName: basename(stack.templateFile),
  };
}
