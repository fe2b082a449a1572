/**
 * Synthesizes the workflow stack (alone, offline, without bundling its functions) and returns the state
 * machine's Amazon States Language definition with its CloudFormation references resolved. The local
 * stack runs it through bin/workflow-definition.ts in a child process (runtime code never imports
 * aws-cdk-lib, and nothing here imports the local stack).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { WorkflowStack } from './workflow-stack.js';

/** Stand-in account and region of the local run; they only appear inside ARNs. */
export const localEnv = { account: '123456789012', region: 'ap-northeast-1' } as const;

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** The workflow stack's synthesized CloudFormation template, and the stack itself for inspection. */
export function synthesizeWorkflowTemplate(bedrockModelId: string): {
  template: Template;
  stack: WorkflowStack;
} {
  const outdir = mkdtempSync(join(tmpdir(), 'gm-workflow-synth-'));
  try {
    // Bundling is skipped (no stack selected for it): only the definition is wanted, not the function code.
    const app = new App({
      outdir,
      context: { 'aws:cdk:bundling-stacks': [] },
      builtinCloudFormationValidation: false,
    });
    const support = new Stack(app, 'WorkflowSupport', { env: localEnv });
    const vpc = new ec2.Vpc(support, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const stack = new WorkflowStack(app, 'Workflow', {
      env: localEnv,
      vpc,
      lambdaSecurityGroup: new ec2.SecurityGroup(support, 'LambdaSecurityGroup', { vpc }),
      databaseSecret: new secretsmanager.Secret(support, 'DatabaseSecret'),
      bedrockModelId,
    });
    const template = app.synth().getStackArtifact(stack.artifactId).template as Template;
    return { template, stack };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Resolves the intrinsic functions CDK puts in a DefinitionString (Fn::Join, Ref, Fn::GetAtt of functions). */
function resolve(value: unknown, template: Template): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolve(part, template)).join(separator);
  }
  if ('Ref' in node) {
    const pseudo: Record<string, string> = {
      'AWS::Partition': 'aws',
      'AWS::Region': localEnv.region,
      'AWS::AccountId': localEnv.account,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    const ref = node.Ref as string;
    return pseudo[ref] ?? ref;
  }
  if ('Fn::GetAtt' in node) {
    const [logicalId, attribute] = node['Fn::GetAtt'] as [string, string];
    if (template.Resources[logicalId]?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
      return `arn:aws:lambda:${localEnv.region}:${localEnv.account}:function:${logicalId}`;
    }
  }
  throw new Error(`workflow definition: cannot resolve ${JSON.stringify(value)} outside AWS`);
}

/** The state machine's definition from a synthesized template, ready to run locally. */
export function definitionFromTemplate(template: Template): {
  /** Logical id of the state machine in the workflow stack's template. */
  stateMachineLogicalId: string;
  definition: Record<string, unknown>;
} {
  const machines = Object.entries(template.Resources).filter(
    ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine',
  );
  if (machines.length !== 1)
    throw new Error(`workflow definition: expected 1 state machine, found ${machines.length}`);
  const [stateMachineLogicalId, machine] = machines[0]!;
  const definition = JSON.parse(resolve(machine.Properties!.DefinitionString, template)) as Record<
    string,
    unknown
  >;
  return { stateMachineLogicalId, definition };
}
