import type { ChangeReviewAccessStack } from '../../pipeline/change-review-access-stack.js';
import { accept } from './accept-findings.js';

/** Change review access (production account bootstrapping): the read-only change review role's policy. */
export function acknowledgeChangeReviewAccessStack(stack: ChangeReviewAccessStack): void {
  accept(
    stack.readPolicy,
    stack.stageStackNames.map((name) => [
      'AwsSolutions',
      `AwsSolutions-IAM5[Resource::arn:aws:cloudformation:${stack.region}:${stack.account}:stack/${name}/*]`,
    ]),
    "A stack's ARN ends in the id CloudFormation gives it at creation (stack/<name>/<id>, unknown before): the wildcard is that id of one named stack of the stage, for DescribeStacks and GetTemplate only.",
  );
}
