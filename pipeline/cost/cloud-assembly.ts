/**
 * Reads the synthesized cloud assembly (cdk.out) into the stacks the estimate prices: the app's own
 * stacks form the `pipeline` group, each nested stage assembly (GoalMandalaPipeline/Staging, …) the group
 * named after the stage, lower case.
 */
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { CfnResource, StackTemplate } from './cost-line.js';

export const PIPELINE_GROUP = 'pipeline';

/** The stacks of the assembly in `directory` (e.g. `cdk.out`). */
export function readAssemblyStacks(directory: string): StackTemplate[] {
  return assemblyStacks(new CloudAssembly(directory));
}

/** The stacks of an assembly already in memory (what `app.synth()` returns). */
export function assemblyStacks(assembly: CloudAssembly): StackTemplate[] {
  return [
    ...stacksOf(assembly, PIPELINE_GROUP),
    ...assembly.nestedAssemblies.flatMap((nested) => {
      const name = (nested.displayName ?? nested.id).split('/').at(-1)!.toLowerCase();
      return stacksOf(nested.nestedAssembly, name);
    }),
  ];
}

function stacksOf(assembly: CloudAssembly, group: string): StackTemplate[] {
  return assembly.stacks.map((stack) => ({
    group,
    stackName: stack.stackName,
    region: stack.environment.region,
    resources: ((stack.template as { Resources?: Record<string, CfnResource> }).Resources ?? {}) as Record<
      string,
      CfnResource
    >,
  }));
}
