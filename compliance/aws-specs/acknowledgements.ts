/**
 * Warnings of the AWS specification gate accepted, each for one resource and one message, with the
 * reason. Errors cannot be accepted. An acknowledgement that matches no warning fails the gate, so none
 * outlives what it was written for.
 */
import type { Check } from './finding.js';

export interface AcceptedWarning {
  readonly check: Check;
  /** The template file, `*` for any run of characters (`assembly-*-Staging/*Api*.template.json`). */
  readonly template: string;
  readonly logicalId: string;
  /** A piece of the warning's message that names what is accepted (the action, the key). */
  readonly message: string;
  readonly reason: string;
}

export const ACCEPTED_WARNINGS: readonly AcceptedWarning[] = [
  {
    check: 'iam',
    template: 'assembly-GoalMandalaPipeline-*/GoalMandalaPipeline*Api*.template.json',
    logicalId: 'RestApiLambdaRestApiCloudWatchRole8580F279',
    message: 'logs:DescribeLogGroups only works with Resource "*"',
    reason:
      "API Gateway's account-level logging role from the solutions construct (ApiGatewayToLambda), scoped to this account and region's log groups: execution logs need CreateLogGroup, CreateLogStream and PutLogEvents, which that scope grants; DescribeLogGroups is left granting nothing rather than widened to every log group of the account.",
  },
];
