import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { ApiStack } from '../../stages/api-stack.js';
import { ServiceFunction } from '../../stages/constructs/service-function.js';
import { accept, allOf, at } from './accept-findings.js';
import { acknowledgeOperationalLogGroup } from './log-group.js';
import { acknowledgeServiceFunction } from './service-function.js';

/**
 * API stack: the REST API, one function per service, their canary deployments, the JWT signing key and the
 * origin-verify value CloudFront sends.
 */
export function acknowledgeApiStack(stack: ApiStack): void {
  for (const fn of allOf(stack, ServiceFunction)) {
    acknowledgeServiceFunction(
      fn,
      fn.node.id === 'MigrateFunction'
        ? {
            synchronousCaller: 'the deploy-time Trigger, which fails the deployment when the migration fails',
          }
        : {
            synchronousCaller:
              'API Gateway (Lambda proxy integration), which answers the client with the error',
          },
    );
  }

  for (const secret of allOf(stack, secretsmanager.Secret)) {
    const isOriginVerify = secret === stack.originVerifySecret;
    accept(
      secret,
      [
        ['AwsSolutions', 'AwsSolutions-SMG4'],
        ['NIST.800.53.R5', 'NIST.800.53.R5-SecretsManagerRotationEnabled'],
      ],
      isOriginVerify
        ? "CloudFront's X-Origin-Verify value: CloudFormation copies it into the distribution only when the edge stack updates it, so a scheduled rotation would break the match until a deploy; it is rotated by the runbook's put-value-then-deploy. A leaked value only lets a direct caller choose the address it is counted under, still under the per-account sign-in limit and the stage throttle."
        : 'The access-token signing key: rotating it invalidates every issued token at once (the verifier knows one key), so it is rotated deliberately by replacing the secret, not on a schedule.',
    );
    accept(
      secret,
      [['NIST.800.53.R5', 'NIST.800.53.R5-SecretsManagerUsingKMSKey']],
      isOriginVerify
        ? "Encrypted with the account's aws/secretsmanager key; only the auth function's role is granted secretsmanager:GetSecretValue on it (CloudFormation resolves it for the distribution with the deploying role), so a customer key would add no further restriction."
        : "Encrypted with the account's aws/secretsmanager key; only the API functions' roles are granted secretsmanager:GetSecretValue on it, so a customer key would add no further restriction.",
    );
  }

  const api = stack.restApi;
  accept(
    api,
    [['AwsSolutions', 'AwsSolutions-APIG2']],
    'Every route is a tRPC procedure whose input is validated by its zod schema in the handler (400 naming the field); API Gateway cannot parse the JSON tRPC carries in ?input= and POST bodies.',
  );
  accept(
    api.deploymentStage,
    [
      ['AwsSolutions', 'AwsSolutions-APIG3'],
      ['NIST.800.53.R5', 'NIST.800.53.R5-APIGWAssociatedWithWAF'],
    ],
    'Traffic is bounded by the stage throttle (100 rps, burst 200) and the API has no admin surface; a web ACL is a cost decision left to the operators (see README compliance section).',
  );
  accept(
    api.deploymentStage,
    [['NIST.800.53.R5', 'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted']],
    "Every answer is per user (Authorization header) and must never be cached or served to another user; CloudFront's /api/* behaviour disables caching for the same reason.",
  );
  accept(
    api.deploymentStage,
    [['NIST.800.53.R5', 'NIST.800.53.R5-APIGWSSLEnabled']],
    'A client certificate authenticates API Gateway to HTTP backends; every integration here is a Lambda proxy integration invoked through IAM, which has no use for one.',
  );

  for (const method of allOf(api, apigateway.Method)) {
    accept(
      method,
      [
        ['AwsSolutions', 'AwsSolutions-APIG4'],
        ['AwsSolutions', 'AwsSolutions-COG4'],
      ],
      "Authentication is the app's own: every procedure except /api/health, auth/signUp and auth/signIn requires a bearer token verified in the handler (jose, HS256, key read from Secrets Manager); the public routes must be reachable without one.",
    );
    for (const permission of allOf(method, lambda.CfnPermission)) {
      accept(
        permission,
        [['cdk-validator-cfnguard', 'lambda_function_public_access_prohibited_check']],
        "Grants lambda:InvokeFunction to apigateway.amazonaws.com only with SourceArn set to this API's own execute-api ARN for this method, which is how API Gateway invokes Lambda; no other principal can use it.",
      );
    }
  }

  const cloudWatchRole = api.node.scope?.node.tryFindChild('LambdaRestApiCloudWatchRole');
  if (cloudWatchRole) {
    accept(
      cloudWatchRole,
      [
        [
          'AwsSolutions',
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:*]',
        ],
      ],
      "The account-level API Gateway logging role (solutions construct): API Gateway creates and writes the API-Gateway-Execution-Logs_<api>/<stage> groups itself, so the role is scoped to this account and region's logs but not to a group name known in advance.",
    );
    accept(
      cloudWatchRole,
      [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
      'The API Gateway logging role carries its one logs statement inline, attached to this role only (solutions construct); nothing else can attach it.',
    );
  }
  const accessLogs = api.node.scope?.node.tryFindChild('ApiAccessLogGroup');
  if (accessLogs) {
    acknowledgeOperationalLogGroup(
      accessLogs,
      'API access logs (one line per request, no bodies) are kept one month for troubleshooting; the year-long audit trail is CloudTrail in the observability stack.',
    );
  }

  for (const deployed of stack.functions) {
    accept(
      deployed.faultAlarm,
      [
        ['NIST.800.53.R5', 'NIST.800.53.R5-CloudWatchAlarmAction'],
        ['cdk-validator-cfnguard', 'cloudwatch_alarm_action_check'],
      ],
      "The canary's server-fault rollback alarm (the new version's 5xx answers): CodeDeploy watches it during a deployment and rolls the alias back; people are notified by the observability stack's fault alarm on the same function, which has SNS actions.",
    );
    accept(
      deployed.errorAlarm,
      [
        ['NIST.800.53.R5', 'NIST.800.53.R5-CloudWatchAlarmAction'],
        ['cdk-validator-cfnguard', 'cloudwatch_alarm_action_check'],
      ],
      "The canary's rollback alarm: CodeDeploy watches it during a deployment and rolls the alias back; people are notified by the observability stack's alarm on the same function, which has SNS actions.",
    );
  }
  for (const group of allOf(stack, codedeploy.LambdaDeploymentGroup)) {
    accept(
      at(group, 'ServiceRole'),
      [
        [
          'AwsSolutions',
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        ],
      ],
      "CodeDeploy's documented role for Lambda canaries; the Limited variant only shifts aliases, reads alarms and invokes hooks named CodeDeployHook_*, and only codedeploy.amazonaws.com can assume it.",
    );
  }

  const triggerProvider = stack.node.tryFindChild(
    'AWSCDK.TriggerCustomResourceProviderCustomResourceProvider',
  );
  if (triggerProvider) {
    accept(
      at(triggerProvider, 'Handler'),
      [['cdk-validator-cfnguard', 'lambda_inside_vpc_check']],
      "CDK's deploy-time Trigger handler: it only calls lambda:Invoke on the migration function (which runs in the VPC) during deployments and serves no traffic.",
    );
  }
}
