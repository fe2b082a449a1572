import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface NetworkStackProps extends StackProps {
  /**
   * The two availability zones the VPC spans. Given, not looked up: synth then needs no credentials
   * for the stage's account.
   */
  readonly availabilityZones: readonly string[];
}

/**
 * VPC 10.0.0.0/16 over two zones with one NAT gateway: public, private-with-egress (functions) and
 * isolated (database) subnets; the Lambda and database security groups (Lambda → PostgreSQL on 5432
 * only); flow logs of all traffic.
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.IVpc;
  /** Attached to every function that talks to the database. */
  readonly lambdaSecurityGroup: ec2.ISecurityGroup;
  /** Attached to the database; admits only the Lambda group on 5432. */
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.zones = [...props.availabilityZones];

    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        // Only the NAT gateway (with its own Elastic IP) lives here: nothing gets a public IP by default.
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
        { name: 'Database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogGroup', { retention: logs.RetentionDays.ONE_MONTH }),
      ),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    const lambdaSecurityGroup = new ec2.SecurityGroup(this, 'LambdaSecurityGroup', {
      vpc,
      description: 'Goal Mandala Lambda functions',
      allowAllOutbound: true,
    });
    const databaseSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: 'Goal Mandala Aurora cluster: Lambda on 5432 only',
      allowAllOutbound: false,
    });
    databaseSecurityGroup.addIngressRule(lambdaSecurityGroup, ec2.Port.tcp(5432), 'Lambda to PostgreSQL');

    this.vpc = vpc;
    this.lambdaSecurityGroup = lambdaSecurityGroup;
    this.databaseSecurityGroup = databaseSecurityGroup;
  }

  /** The configured zones, instead of a context lookup that would need the account's credentials. */
  override get availabilityZones(): string[] {
    return this.zones;
  }
}
