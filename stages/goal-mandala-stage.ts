import { CfnOutput, Duration, Stack, Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from './stage-config.js';
import { ApiStack } from './api-stack.js';
import { ServiceFunction } from './constructs/service-function.js';
import { DataStack } from './data-stack.js';
import { EdgeStack } from './edge-stack.js';
import { NetworkStack } from './network-stack.js';
import { ObservabilityStack, type MonitoredFunction } from './observability-stack.js';
import { releasePublisherRoleName, releaseRunnerRoleName } from './release-publisher-names.js';
import { type ReleaseSignal, releaseSignals } from './release-signals.js';
import { WorkflowStack } from './workflow-stack.js';

export interface GoalMandalaStageProps extends StageProps {
  /** The stage's account, region, alert e-mail, budget... (see `stage-config.ts`). */
  readonly config: StageConfig;
  /** Git commit the build was made from; `/api/health` answers it. */
  readonly appVersion: string;
  /**
   * Account whose pipeline publishes frontend releases into this stage (the toolchain account): its
   * release steps' role (`releaseRunnerRoleName`) may assume the stage's release publisher role.
   * @default - the stage's own account
   */
  readonly releasePublisherAccount?: string;
  /**
   * Account whose alarms bake this stage's releases; it may read the stage's metrics.
   * @default - the stage's metrics are not shared
   */
  readonly bakeAccount?: string;
}

/**
 * One deployment of Goal Mandala (staging or production): six stacks, dependencies flowing one way
 * (network → data → workflow/api → edge → observability). No physical name is fixed in a way that
 * would collide between two stages.
 */
export class GoalMandalaStage extends Stage {
  /** The stage's configuration (names derive from its `appName` and `stageName`). */
  readonly config: StageConfig;
  /** `${apiUrl}/health` is the post-deploy health check. */
  readonly apiUrl: CfnOutput;
  readonly siteUrl: CfnOutput;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly workflow: WorkflowStack;
  readonly api: ApiStack;
  readonly edge: EdgeStack;
  readonly observability: ObservabilityStack;
  /** What a release of this stage is judged by after it deploys (the production bake's alarms). */
  readonly releaseSignals: readonly ReleaseSignal[];

  constructor(scope: Construct, id: string, props: GoalMandalaStageProps) {
    const { config } = props;
    super(scope, id, { env: { account: config.account, region: config.region }, ...props });
    this.config = config;

    const stateMachineName = `${config.appName}-${config.stageName}-task-generation`;
    this.network = new NetworkStack(this, 'Network', {
      availabilityZones: config.availabilityZones,
      egress: config.egress,
    });
    const { database } = config;
    this.data = new DataStack(this, 'Data', {
      vpc: this.network.vpc,
      databaseSecurityGroup: this.network.databaseSecurityGroup,
      functionSubnets: this.network.functionSubnets,
      backupWindowUtc: config.backupWindowUtc,
      minCapacityAcu: database.minCapacityAcu,
      maxCapacityAcu: database.maxCapacityAcu,
      readers: database.readers,
      autoPauseAfter:
        database.autoPauseAfterMinutes === undefined
          ? undefined
          : Duration.minutes(database.autoPauseAfterMinutes),
    });
    this.workflow = new WorkflowStack(this, 'Workflow', {
      vpc: this.network.vpc,
      functionSubnets: this.network.functionSubnets,
      lambdaSecurityGroup: this.network.lambdaSecurityGroup,
      databaseSecret: this.data.appDatabaseSecret,
      bedrockModelId: config.bedrockModelId,
      stateMachineName,
    });
    this.api = new ApiStack(this, 'Api', {
      vpc: this.network.vpc,
      functionSubnets: this.network.functionSubnets,
      lambdaSecurityGroup: this.network.lambdaSecurityGroup,
      databaseSecret: this.data.appDatabaseSecret,
      databaseOwnerSecret: this.data.databaseSecret,
      stateMachine: this.workflow.stateMachine,
      appVersion: props.appVersion,
      passwordResetMail: config.passwordResetMail,
    });
    this.edge = new EdgeStack(this, 'Edge', {
      restApi: this.api.restApi,
      originVerifySecretName: this.api.originVerifySecretName,
      releasePublisherRoleName: releasePublisherRoleName(config.appName, config.stageName),
      releaseRunner: props.releasePublisherAccount
        ? {
            account: props.releasePublisherAccount,
            roleName: releaseRunnerRoleName(config.appName, config.stageName),
          }
        : undefined,
    });
    this.observability = new ObservabilityStack(this, 'Observability', {
      appName: config.appName,
      stageName: config.stageName,
      restApi: this.api.restApi,
      functions: this.projectFunctions(),
      apiFunctions: this.api.functions.map(({ name, serviceName }) => ({ name, serviceName })),
      cluster: this.data.cluster,
      stateMachine: this.workflow.stateMachine,
      siteBucket: this.edge.siteBucket,
      alertEmail: config.alertEmail,
      monthlyBudgetUsd: config.monthlyBudgetUsd,
      slackWebhookSecretName: config.slackWebhookSecretName,
      metricsMonitoringAccount: props.bakeAccount,
      // Production only: staging's database pauses when idle, and a canary would keep it awake.
      siteCanary:
        config.stageName === 'production'
          ? { siteUrl: this.edge.siteUrl, canaryName: siteCanaryName(config.appName, config.stageName) }
          : undefined,
    });
    this.releaseSignals = releaseSignals({
      api: this.api,
      observability: this.observability,
      stateMachineName,
    });

    this.apiUrl = new CfnOutput(this.api, 'ApiUrl', { value: this.api.apiUrl });
    this.siteUrl = new CfnOutput(this.edge, 'SiteUrl', { value: this.edge.siteUrl });
  }

  /**
   * Every project function built so far (API, migration, workflow steps), found in the construct tree
   * so a function added to any stack gets its alarm and dashboard line without another edit here.
   */
  private projectFunctions(): MonitoredFunction[] {
    return this.node
      .findAll()
      .filter((construct): construct is ServiceFunction => construct instanceof ServiceFunction)
      .map((fn) => ({
        name: kebabCase(`${Stack.of(fn).node.id}-${fn.node.id.replace(/Function$/, '')}`),
        function: fn,
      }));
  }
}

function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
}

/** Canary names are at most 21 characters: `goal-mandala-prod`. */
function siteCanaryName(appName: string, stageName: string): string {
  return `${appName.slice(0, 16)}-${stageName.slice(0, 4)}`.toLowerCase();
}
