import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { DataStack } from '../../stages/data-stack.js';
import { accept, allOf } from './accept-findings.js';

/** Data stack: the Aurora cluster, its key and its generated secrets (the master and the application login). */
export function acknowledgeDataStack(stack: DataStack): void {
  for (const secret of [stack.databaseSecret, stack.appDatabaseSecret]) {
    accept(
      secret,
      [['NIST.800.53.R5', 'NIST.800.53.R5-SecretsManagerUsingKMSKey']],
      "Encrypted with the account's aws/secretsmanager key on purpose: with the customer key, every reader's grant would land in this stack's key policy and make the data stack depend on the api and workflow stacks (a cycle). Access is still limited by IAM grants to the functions that need it.",
    );
  }

  for (const id of ['writer', 'reader']) {
    const instance = stack.cluster.node.tryFindChild(id);
    if (!instance) continue;
    accept(
      instance,
      [['NIST.800.53.R5', 'NIST.800.53.R5-RDSInBackupPlan']],
      'Aurora backs up the whole cluster continuously with 7-day automated backups (point-in-time restore), deletion protection and RETAIN; an AWS Backup plan would duplicate that for instances that hold no data of their own.',
    );
  }

  const monitoringRole = stack.cluster.node.tryFindChild('MonitoringRole');
  if (monitoringRole) {
    accept(
      monitoringRole,
      [
        [
          'AwsSolutions',
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
        ],
      ],
      'The documented service role for RDS enhanced monitoring: AWS keeps the policy to exactly what the RDS agent needs (its own RDSOSMetrics log group), assumable only by monitoring.rds.amazonaws.com.',
    );
  }

  for (const ingress of allOf(stack, ec2.CfnSecurityGroupIngress)) {
    // The master's single-user rotation and the application login's multi-user rotation.
    if (!/RotationSingleUserSecurityGroup|AppDatabaseRotationSecurityGroup/.test(ingress.node.id)) continue;
    accept(
      ingress,
      [
        ['NIST.800.53.R5', 'NIST.800.53.R5-EC2RestrictedCommonPorts'],
        ['NIST.800.53.R5', 'NIST.800.53.R5-EC2RestrictedSSH'],
      ],
      "The rule cannot resolve this rule's port, the cluster's own endpoint port (PostgreSQL 5432, Fn::GetAtt Endpoint.Port): it admits only a secret-rotation function's security group to the database, never SSH or a port from an address range.",
    );
  }
}
