import { CfnOutput, Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../pipeline/config.js';
import { ApiStack } from './api-stack.js';
import { DataStack } from './data-stack.js';
import { EdgeStack } from './edge-stack.js';
import { NetworkStack } from './network-stack.js';
import { ObservabilityStack } from './observability-stack.js';
import { WorkflowStack } from './workflow-stack.js';

export interface GoalMandalaStageProps extends StageProps {
  readonly config: StageConfig;
  /** Git commit the build was made from; `/api/health` answers it. */
  readonly appVersion: string;
}

/** One deployment of Goal Mandala (staging or production): six stacks, dependencies flowing one way. */
export class GoalMandalaStage extends Stage {
  /** `${apiUrl}/health` is the post-deploy health check. */
  readonly apiUrl: CfnOutput;
  readonly siteUrl: CfnOutput;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly workflow: WorkflowStack;
  readonly api: ApiStack;
  readonly edge: EdgeStack;
  readonly observability: ObservabilityStack;

  constructor(scope: Construct, id: string, props: GoalMandalaStageProps) {
    const { config } = props;
    super(scope, id, { env: { account: config.account, region: config.region }, ...props });

    this.network = new NetworkStack(this, 'Network');
    this.data = new DataStack(this, 'Data', {
      vpc: this.network.vpc,
      databaseSecurityGroup: this.network.databaseSecurityGroup,
      backupWindowUtc: config.backupWindowUtc,
    });
    this.workflow = new WorkflowStack(this, 'Workflow', {
      vpc: this.network.vpc,
      lambdaSecurityGroup: this.network.lambdaSecurityGroup,
      databaseSecret: this.data.databaseSecret,
      bedrockModelId: config.bedrockModelId,
    });
    this.api = new ApiStack(this, 'Api', {
      vpc: this.network.vpc,
      lambdaSecurityGroup: this.network.lambdaSecurityGroup,
      databaseSecret: this.data.databaseSecret,
      stateMachine: this.workflow.stateMachine,
      appVersion: props.appVersion,
    });
    this.edge = new EdgeStack(this, 'Edge', { restApi: this.api.restApi });
    this.observability = new ObservabilityStack(this, 'Observability', {
      appName: config.appName,
      stageName: config.stageName,
      restApi: this.api.restApi,
      functions: this.api.functions,
      cluster: this.data.cluster,
      stateMachine: this.workflow.stateMachine,
      alertEmail: config.alertEmail,
      monthlyBudgetUsd: config.monthlyBudgetUsd,
      slackWebhookSecretName: config.slackWebhookSecretName,
    });

    this.apiUrl = new CfnOutput(this.api, 'ApiUrl', { value: this.api.apiUrl });
    this.siteUrl = new CfnOutput(this.edge, 'SiteUrl', { value: this.edge.siteUrl });
  }
}
