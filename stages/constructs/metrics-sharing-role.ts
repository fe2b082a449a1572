import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The name CloudWatch assumes in the sharing account: fixed by CloudWatch, not by us. */
export const CLOUDWATCH_SHARING_ROLE_NAME = 'CloudWatch-CrossAccountSharingRole';

export interface MetricsSharingRoleProps {
  /** The account whose alarms watch this account's metrics (the pipeline's: its production bake). */
  readonly monitoringAccount: string;
}

/**
 * Shares this account's CloudWatch metrics with a monitoring account (CloudWatch cross-account metrics):
 * its alarms read them through this role. Read-only, metrics only; one per account (the name is fixed).
 */
export class MetricsSharingRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MetricsSharingRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: CLOUDWATCH_SHARING_ROLE_NAME,
      assumedBy: new iam.AccountPrincipal(props.monitoringAccount),
      description: `Lets account ${props.monitoringAccount}'s alarms read this account's CloudWatch metrics`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // These actions have no resource-level permissions: "*" is the only resource they take.
        actions: ['cloudwatch:GetMetricData', 'cloudwatch:GetMetricStatistics', 'cloudwatch:ListMetrics'],
        resources: ['*'],
      }),
    );
  }
}
