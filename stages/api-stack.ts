import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as triggers from 'aws-cdk-lib/triggers';
import { ApiGatewayToLambda } from '@aws-solutions-constructs/aws-apigateway-lambda';
import type { Construct } from 'constructs';
import { healthRoute, migrateEntry, serviceRoutes, type ServiceRoute } from '../services/api/routes.js';
import { METRICS_NAMESPACE, SERVER_FAULT_METRIC } from '../services/shared/metric-names.js';
import { ServiceFunction } from './constructs/service-function.js';
import type { PasswordResetMailConfig } from './stage-config.js';

export interface ApiStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  /**
   * The VPC's function subnets (`NetworkStack.functionSubnets`).
   * @default - the VPC's private subnets with egress
   */
  readonly functionSubnets?: ec2.SubnetSelection;
  readonly lambdaSecurityGroup: ec2.ISecurityGroup;
  /** The application login (rows only), read by ARN at run time by every function but the migration. */
  readonly databaseSecret: secretsmanager.ISecret;
  /** The master login (the schema's owner): only the migration function reads it. */
  readonly databaseOwnerSecret: secretsmanager.ISecret;
  /** The task-generation workflow the AI service starts. */
  readonly stateMachine: sfn.IStateMachine;
  /** Git commit the build was made from; `/api/health` reports it. */
  readonly appVersion: string;
  /** How the auth function e-mails password reset links (SES v2). */
  readonly passwordResetMail: PasswordResetMailConfig;
}

/** One deployed API function: the function, its `live` alias (what API Gateway calls) and its canary alarms. */
export interface ApiFunction {
  readonly name: string;
  /** Its Powertools service name: the `service` dimension of its `ServerFault` metric. */
  readonly serviceName: string;
  readonly function: lambda.IFunction;
  readonly alias: lambda.Alias;
  /** Invocation errors (the handler threw, timed out or ran out of memory) of the new version. */
  readonly errorAlarm: cloudwatch.IAlarm;
  /** 5xx answers of the new version: what users see even when the handler returns normally. */
  readonly faultAlarm: cloudwatch.IAlarm;
}

/** REST API (stage v1) over one Lambda per service, canary-deployed, with a deploy-time migration. */
export class ApiStack extends Stack {
  readonly restApi: apigateway.RestApi;
  /** The canary-deployed functions behind API Gateway (health and one per service). */
  readonly functions: readonly ApiFunction[];
  /** Runs the schema migrations at deploy time, before any new function version takes traffic. */
  readonly migrateFunction: lambda.Function;
  /** Base URL of the API (`…/v1/api`); `${apiUrl}/health` is the health check. */
  readonly apiUrl: string;
  /**
   * What CloudFront sends the API as X-Origin-Verify (services/api/origin-verify.ts); the auth function reads
   * it to tell requests through CloudFront from direct calls to API Gateway.
   */
  readonly originVerifySecret: secretsmanager.Secret;
  /**
   * The secret's name, fixed from the stack name so the edge stack's dynamic reference is a plain string
   * rather than a cross-stack import of its ARN.
   */
  readonly originVerifySecretName: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const jwtSigningSecret = new secretsmanager.Secret(this, 'JwtSigningSecret', {
      description: 'Goal Mandala access-token signing key (read at run time by ARN)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    this.originVerifySecretName = `${this.stackName}/OriginVerify`;
    // Letters and digits only: it travels as a header value.
    this.originVerifySecret = new secretsmanager.Secret(this, 'OriginVerifySecret', {
      secretName: this.originVerifySecretName,
      description: 'Goal Mandala X-Origin-Verify value CloudFront sends the API (read at run time by ARN)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const network = {
      vpc: props.vpc,
      vpcSubnets: props.functionSubnets,
      securityGroups: [props.lambdaSecurityGroup],
    };
    const environment = {
      APP_VERSION: props.appVersion,
      DB_SECRET_ARN: props.databaseSecret.secretArn,
      JWT_SECRET_ARN: jwtSigningSecret.secretArn,
    };

    // The one function holding the owner: it migrates, then creates and grants the application login.
    const migrate = new ServiceFunction(this, 'MigrateFunction', {
      entry: migrateEntry,
      serviceName: 'migrate',
      timeout: Duration.minutes(5),
      environment: {
        DB_SECRET_ARN: props.databaseOwnerSecret.secretArn,
        DB_APP_SECRET_ARN: props.databaseSecret.secretArn,
      },
      ...network,
    });
    props.databaseOwnerSecret.grantRead(migrate);
    props.databaseSecret.grantRead(migrate);

    const health = new ServiceFunction(this, 'HealthFunction', {
      entry: healthRoute.entry,
      serviceName: 'health',
      environment: { APP_VERSION: props.appVersion, DB_SECRET_ARN: props.databaseSecret.secretArn },
      ...network,
    });
    props.databaseSecret.grantRead(health);

    const mail = props.passwordResetMail;
    const ownEnvironment: Partial<Record<ServiceRoute['service'], Record<string, string>>> = {
      ai: { STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
      auth: {
        RESET_MAIL_SENDER: mail.sender,
        SITE_URL: mail.siteUrl,
        ORIGIN_VERIFY_SECRET_ARN: this.originVerifySecret.secretArn,
        ...(mail.configurationSet && { SES_CONFIGURATION_SET: mail.configurationSet }),
      },
    };
    const services = serviceRoutes.map((route) => {
      const fn = new ServiceFunction(this, `${route.id}Function`, {
        entry: route.entry,
        serviceName: route.service,
        environment: { ...environment, ...ownEnvironment[route.service] },
        ...network,
      });
      props.databaseSecret.grantRead(fn);
      jwtSigningSecret.grantRead(fn);
      if (route.service === 'ai') props.stateMachine.grantStartExecution(fn);
      if (route.service === 'auth') {
        this.grantSendResetMail(fn, mail);
        this.originVerifySecret.grantRead(fn);
      }
      return { route, fn };
    });

    const deployed: ApiFunction[] = [
      { name: 'health', fn: health },
      ...services.map(({ route, fn }) => ({ name: route.service, fn })),
    ].map(({ name, fn }) => this.canary(name, fn));

    // The schema is migrated before any new function version takes traffic.
    new triggers.Trigger(this, 'MigrateTrigger', {
      handler: migrate,
      executeBefore: deployed.map((d) => d.alias),
      timeout: Duration.minutes(5),
    });

    const { apiGateway } = new ApiGatewayToLambda(this, 'RestApi', {
      existingLambdaObj: health,
      // Access logs are kept as long as the functions' logs, not forever.
      logGroupProps: { retention: logs.RetentionDays.ONE_MONTH },
      apiGatewayProps: {
        proxy: false,
        description: 'Goal Mandala API',
        // No CORS: the browser calls `/api` on the site's own CloudFront origin, so requests are
        // same-origin and need no preflight; any other origin is refused by the browser.
        defaultCorsPreflightOptions: undefined,
        defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.NONE },
        deployOptions: {
          stageName: 'v1',
          tracingEnabled: true,
          loggingLevel: apigateway.MethodLoggingLevel.INFO,
          dataTraceEnabled: false,
          metricsEnabled: true,
          throttlingRateLimit: 100,
          throttlingBurstLimit: 200,
        },
      },
    });

    const apiRoot = apiGateway.root.addResource('api');
    const byName = new Map(deployed.map((d) => [d.name, d]));
    apiRoot
      .addResource('health')
      .addMethod('GET', new apigateway.LambdaIntegration(byName.get('health')!.alias));
    for (const { route } of services) {
      const integration = new apigateway.LambdaIntegration(byName.get(route.service)!.alias);
      apiRoot.addResource(route.service).addResource('{proxy+}').addMethod('ANY', integration);
    }

    this.restApi = apiGateway;
    this.functions = deployed;
    this.migrateFunction = migrate;
    this.apiUrl = `${apiGateway.url}api`;
  }

  /**
   * `ses:SendEmail` on the sender's identity only (and the configuration set, which SES v2 also authorizes
   * when a mail names one), from the sender address only: the auth function can mail nothing else.
   */
  private grantSendResetMail(fn: ServiceFunction, mail: PasswordResetMailConfig): void {
    const sesArn = (resource: string, name: string) =>
      this.formatArn({
        service: 'ses',
        resource,
        resourceName: name,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn('identity', mail.senderIdentity),
          ...(mail.configurationSet ? [sesArn('configuration-set', mail.configurationSet)] : []),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': mail.sender } },
      }),
    );
  }

  /**
   * A `live` alias shifted by CodeDeploy (10% for 5 minutes), rolled back when the new version throws
   * (`Errors`) or answers a server error (`ServerFault` of that version).
   */
  private canary(name: string, fn: ServiceFunction): ApiFunction {
    const version = fn.currentVersion;
    const faultAlarm = new cloudwatch.Alarm(this, `${fn.node.id}FaultAlarm`, {
      alarmDescription: `Goal Mandala ${name} function: the new version answered server errors (5xx)`,
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: SERVER_FAULT_METRIC.name,
        dimensionsMap: {
          [SERVER_FAULT_METRIC.serviceDimension]: fn.serviceName,
          [SERVER_FAULT_METRIC.versionDimension]: version.version,
        },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const alias = new lambda.Alias(this, `${fn.node.id}LiveAlias`, { aliasName: 'live', version });
    // The fault alarm watches the new version before CodeDeploy (started by the alias update) shifts traffic.
    alias.node.addDependency(faultAlarm);
    const errorAlarm = new cloudwatch.Alarm(this, `${fn.node.id}ErrorAlarm`, {
      alarmDescription: `Goal Mandala ${name} function errors`,
      metric: alias.metricErrors({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    new codedeploy.LambdaDeploymentGroup(this, `${fn.node.id}DeploymentGroup`, {
      alias,
      deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: [errorAlarm, faultAlarm],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    return { name, serviceName: fn.serviceName, function: fn, alias, errorAlarm, faultAlarm };
  }
}
