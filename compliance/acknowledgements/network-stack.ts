import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { NetworkStack } from '../../stages/network-stack.js';
import { accept, allOf, at } from './accept-findings.js';
import { acknowledgeOperationalLogGroup } from './log-group.js';

/** Network stack: what is right as built in the VPC, its flow logs and CDK's default-security-group fix. */
export function acknowledgeNetworkStack(stack: NetworkStack): void {
  for (const subnet of allOf(stack, ec2.PublicSubnet)) {
    accept(
      at(subnet, 'DefaultRoute'),
      [['NIST.800.53.R5', 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW']],
      'The public subnets hold only the NAT gateway, whose route to the internet gateway is how functions in the private subnets reach Bedrock, Secrets Manager and Slack; nothing else is placed in them.',
    );
  }

  for (const subnet of allOf(stack, ec2.Subnet)) {
    accept(
      subnet,
      [['CloudFormation Validate', 'W3010']],
      'The two AZs come from the validated app configuration (goalMandala.<stage>.availabilityZones in cdk.json) instead of a lookup, so synth needs no credentials for the stage account and stays reproducible in CI.',
    );
  }

  acknowledgeOperationalLogGroup(
    at(stack, 'FlowLogGroup'),
    'VPC flow logs are kept one month for network troubleshooting; API-level audit (who did what) is the CloudTrail trail in the observability stack.',
  );
  accept(
    at(stack, 'Vpc/FlowLog/IAMRole/DefaultPolicy'),
    [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
    "CDK writes the flow log role's permissions (write to its one log group) as a policy attached to that role only; nothing else can attach it.",
  );

  const restrictDefaultGroup = stack.node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
  if (restrictDefaultGroup) {
    accept(
      at(restrictDefaultGroup, 'Handler'),
      [['cdk-validator-cfnguard', 'lambda_inside_vpc_check']],
      "CDK's deploy-time handler that removes the default security group's rules (restrictDefaultSecurityGroup); it only calls the EC2 API, runs during deployments and serves no traffic, so a VPC would add nothing.",
    );
  }
}
