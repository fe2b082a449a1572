import { Stack, type StackProps, type Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { changeReviewRoleName, changeReviewRunnerRoleName } from './pipeline-names.js';

export interface ChangeReviewAccessStackProps extends StackProps {
  /** The stage whose stacks the role may read (Production); the stack deploys into its account and region. */
  readonly stage: Stage;
  /** The app's name: the roles' names derive from it. */
  readonly appName: string;
  /** The toolchain account, whose change review step (and nothing else there) may assume the role. */
  readonly toolchainAccount: string;
}

/**
 * Part of bootstrapping the production account, deployed once by an operator with production
 * credentials (not by the pipeline: the review runs before anything is deployed there). One read-only
 * role: `cloudformation:GetTemplate` and `DescribeStacks` on the stage's own stacks, nothing else, for
 * the pipeline's change review step alone. The bootstrap lookup role could read the templates too,
 * but it carries ReadOnlyAccess to the whole account.
 */
export class ChangeReviewAccessStack extends Stack {
  readonly role: iam.Role;
  /** The role's one policy: read-only on the stage's stacks. */
  readonly readPolicy: iam.ManagedPolicy;
  /** The CloudFormation names of the stacks the role may read. */
  readonly stageStackNames: readonly string[];

  constructor(scope: Construct, id: string, props: ChangeReviewAccessStackProps) {
    const { stage } = props;
    super(scope, id, { env: { account: stage.account, region: stage.region }, ...props });

    const runnerRoleArn = `arn:${this.partition}:iam::${props.toolchainAccount}:role/${changeReviewRunnerRoleName(props.appName)}`;
    // Trusting the account with a condition on the role, not the role itself: IAM would refuse a trust
    // policy naming a role not created yet, and silently break it if that role were ever recreated.
    this.role = new iam.Role(this, 'ChangeReviewRole', {
      roleName: changeReviewRoleName(props.appName),
      description:
        "Reads the deployed templates of the stage's stacks for the delivery pipeline's change review",
      assumedBy: new iam.AccountPrincipal(props.toolchainAccount).withConditions({
        ArnEquals: { 'aws:PrincipalArn': runnerRoleArn },
      }),
    });
    this.stageStackNames = stage.node.children
      .filter((child): child is Stack => Stack.isStack(child))
      .map((stack) => stack.stackName);
    // A stack's ARN ends in the id CloudFormation gives it when it is created: stack/<name>/<id>.
    const stackArns = this.stageStackNames.map((name) =>
      this.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${name}/*` }),
    );
    this.readPolicy = new iam.ManagedPolicy(this, 'ReadStageTemplates', {
      description: "GetTemplate and DescribeStacks on the stage's stacks only",
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
          resources: stackArns,
        }),
      ],
    });
  }
}
