import { Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export interface ObservabilityStackProps extends StackProps {
  readonly appName: string;
  readonly stageName: string;
  readonly restApi: apigateway.IRestApi;
  /** Every project function to chart and alarm on, by a readable name. */
  readonly functions: readonly { readonly name: string; readonly function: lambda.IFunction }[];
  readonly cluster: rds.IDatabaseCluster;
  readonly stateMachine: sfn.IStateMachine;
  /** Where alarm and budget e-mails go. */
  readonly alertEmail: string;
  readonly monthlyBudgetUsd: number;
  /** Name of the Secrets Manager secret holding the Slack webhook URL (read at run time). */
  readonly slackWebhookSecretName: string;
}

/** Dashboard, alarms → SNS → Slack notifier, CloudTrail, monthly budget. */
export class ObservabilityStack extends Stack {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${props.appName}-${props.stageName}`,
    });
  }
}
