import type * as iam from 'aws-cdk-lib/aws-iam';
import type { ServiceFunction } from '../../stages/constructs/service-function.js';
import { accept } from './accept-findings.js';
import { acknowledgeOperationalLogGroup } from './log-group.js';

/** How a function is invoked: decides whether a dead-letter queue could hold anything. */
export type Invocation =
  | { readonly synchronousCaller: string }
  | { readonly asynchronousSource: string; readonly whyLossIsTolerable: string };

/**
 * What every ServiceFunction shares by design (stages/constructs/service-function.ts): X-Ray, its own
 * log group kept a month with CloudWatch Logs' default encryption, a least-privilege role whose grants
 * CDK writes as that role's own policy, and concurrency bounded upstream rather than reserved.
 * @param outsideVpc why a function outside the VPC needs no VPC (required for such functions)
 */
export function acknowledgeServiceFunction(
  fn: ServiceFunction,
  invocation: Invocation,
  outsideVpc?: string,
): void {
  if (fn.isBoundToVpc) {
    accept(
      fn,
      [['cdk-validator-cfnguard', 'lambda_inside_vpc_check']],
      "False positive: the function is in the VPC's private subnets, but its VpcConfig subnets and security group are imported from the network stack (Fn::ImportValue), which the Guard rule cannot evaluate.",
    );
  } else {
    if (!outsideVpc) throw new Error(`compliance: say why ${fn.node.path} runs outside the VPC`);
    accept(
      fn,
      [
        ['NIST.800.53.R5', 'NIST.800.53.R5-LambdaInsideVPC'],
        ['cdk-validator-cfnguard', 'lambda_inside_vpc_check'],
      ],
      outsideVpc,
    );
  }
  const policy = (fn.role as iam.Role).node.tryFindChild('DefaultPolicy');
  if (policy) {
    accept(
      policy,
      [['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]']],
      fn.isBoundToVpc
        ? 'Resource * only for actions without resource-level permissions: X-Ray PutTraceSegments/PutTelemetryRecords and the EC2 network-interface actions Lambda needs in a VPC (Create/Describe/DeleteNetworkInterface, DescribeSubnets, Assign/UnassignPrivateIpAddresses).'
        : 'Resource * only for X-Ray PutTraceSegments/PutTelemetryRecords, which have no resource-level permissions.',
    );
    accept(
      policy,
      [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
      "CDK grants write this role's least-privilege statements as a policy attached to this one role only; nothing else can attach it, and every change is reviewed as code.",
    );
  }

  acknowledgeOperationalLogGroup(
    fn.logGroup,
    'Function logs are kept one month (ServiceFunction) to debug recent runs; the year-long audit trail is CloudTrail in the observability stack.',
  );

  accept(
    fn,
    [['NIST.800.53.R5', 'NIST.800.53.R5-LambdaConcurrency']],
    'Concurrency is bounded upstream (API stage throttling 100 rps / burst 200, the workflow Map at 8 branches, one SNS topic) instead of reserving account concurrency per function.',
  );
  accept(
    fn,
    [
      ['Serverless', 'Serverless-LambdaDLQ'],
      ['NIST.800.53.R5', 'NIST.800.53.R5-LambdaDLQ'],
    ],
    'synchronousCaller' in invocation
      ? `Invoked synchronously by ${invocation.synchronousCaller}, which receives the error and retries or reports it; a dead-letter queue only receives failed asynchronous invocations.`
      : `Invoked asynchronously by ${invocation.asynchronousSource}; ${invocation.whyLossIsTolerable}`,
  );
}
