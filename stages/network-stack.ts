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
  /**
   * How functions in the private subnets reach AWS APIs. `nat-gateway`: one NAT gateway (anything on the
   * internet). `vpc-endpoints`: no NAT; interface endpoints for Secrets Manager, Step Functions, Bedrock and
   * the SES API in the first zone only — ~41 USD/month in Tokyo against the NAT's ~49 (hours + its public
   * IPv4), for a staging account where a zone outage may cut the functions off.
   * @default 'nat-gateway'
   */
  readonly egress?: VpcEgress;
}

export type VpcEgress = 'nat-gateway' | 'vpc-endpoints';

/** The AWS APIs the VPC's functions call (database secret, starting the AI workflow, the model, reset mail). */
const ENDPOINT_SERVICES: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>> = {
  SecretsManagerEndpoint: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  StepFunctionsEndpoint: ec2.InterfaceVpcEndpointAwsService.STEP_FUNCTIONS,
  BedrockRuntimeEndpoint: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME,
  // `email`: the SES API (SendEmail of v2), not `email-smtp`.
  SesEndpoint: ec2.InterfaceVpcEndpointAwsService.EMAIL,
};

/**
 * VPC 10.0.0.0/16 over two zones: public (the NAT gateway), private (functions: out through the NAT or
 * interface endpoints) and isolated (database) subnets; the Lambda and database security groups
 * (Lambda → PostgreSQL on 5432 only); flow logs of all traffic.
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.IVpc;
  /** Attached to every function that talks to the database. */
  readonly lambdaSecurityGroup: ec2.ISecurityGroup;
  /** Attached to the database; admits only the Lambda group on 5432. */
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  /** Where functions (and the secret-rotation function) run: the private subnets of both zones. */
  readonly functionSubnets: ec2.SubnetSelection = { subnetGroupName: 'Private' };
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.zones = [...props.availabilityZones];

    const nat = (props.egress ?? 'nat-gateway') === 'nat-gateway';
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 2,
      natGateways: nat ? 1 : 0,
      subnetConfiguration: [
        // Only the NAT gateway (with its own Elastic IP) lives here: nothing gets a public IP by default.
        // Without a NAT the range stays reserved (no subnets, no internet gateway), so the others keep theirs.
        {
          name: 'Public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: false,
          reserved: !nat,
        },
        {
          name: this.functionSubnets.subnetGroupName!,
          subnetType: nat ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 24,
        },
        { name: 'Database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    if (!nat) {
      const functionSubnets = vpc.selectSubnets(this.functionSubnets).subnets;
      for (const [id, service] of Object.entries(ENDPOINT_SERVICES)) {
        // One zone: endpoints bill per zone-hour, and the private DNS name answers the whole VPC.
        const endpoint = vpc.addInterfaceEndpoint(id, {
          service,
          subnets: { ...this.functionSubnets, availabilityZones: [this.zones[0]!] },
          privateDnsEnabled: true,
          open: false,
        });
        // HTTPS from the function subnets only (the functions and the secret-rotation function live there).
        for (const subnet of functionSubnets) {
          endpoint.connections.allowFrom(
            ec2.Peer.ipv4(subnet.ipv4CidrBlock),
            ec2.Port.tcp(443),
            `HTTPS from ${subnet.node.id}`,
          );
        }
      }
    }
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
