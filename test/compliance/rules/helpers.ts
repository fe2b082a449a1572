import { App, Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct, IConstruct } from 'constructs';

/** A bare stack to put resources in; rules are called on its L1 resources directly, once synthesized. */
export function testStack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'ap-northeast-1' } });
}

/** A function with inline code (no bundling) and the given environment. */
export function inlineFunction(
  scope: Construct,
  id: string,
  environment: Record<string, string>,
): lambda.CfnFunction {
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    environment,
  });
  return fn.node.defaultChild as lambda.CfnFunction;
}

/**
 * `construct`, its app synthesized again (the rules read the resource from the written template, as in
 * `cdk synth`, where the packs run once the assembly is written).
 */
export function synthesized<T extends IConstruct>(construct: T): T {
  (Stage.of(construct) as Stage).synth({ force: true });
  return construct;
}
