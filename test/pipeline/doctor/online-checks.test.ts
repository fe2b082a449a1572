// The doctor's online checks against SDK answers stubbed at each account's clients: every ✓ and every ✗.
import {
  AccessDeniedException,
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  ResourceNotFoundException as BedrockNotFound,
} from '@aws-sdk/client-bedrock';
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  CodeStarConnectionsClient,
  GetConnectionCommand,
  ResourceNotFoundException as ConnectionNotFound,
} from '@aws-sdk/client-codestar-connections';
import { GetRoleCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import {
  DescribeSecretCommand,
  ResourceNotFoundException as SecretNotFound,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
  NotFoundException as SesNotFound,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type AppConfig, readCdkJsonConfig } from '../../../pipeline/config.js';
import { renderResult } from '../../../pipeline/doctor/check-result.js';
import { type AccountAccess, type Place, PLACES } from '../../../pipeline/doctor/online/account-access.js';
import { onlineChecks } from '../../../pipeline/doctor/online/index.js';
import { runDoctor } from '../../../pipeline/doctor/run-doctor.js';

const config: AppConfig = readCdkJsonConfig();
const MODEL = config.staging.bedrockModelId;
const metadata = { $metadata: {} };
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/* eslint-disable @typescript-eslint/no-explicit-any -- one stub type per client keeps the table short */
interface Stubs {
  cloudFormation: AwsStub<any, any, any>;
  secretsManager: AwsStub<any, any, any>;
  ses: AwsStub<any, any, any>;
  bedrock: AwsStub<any, any, any>;
  iam: AwsStub<any, any, any>;
  connections: AwsStub<any, any, any>;
  sts: AwsStub<any, any, any>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let accounts: Record<Place, AccountAccess>;
let stubs: Record<Place, Stubs>;

beforeEach(() => {
  const built = PLACES.map((place) => {
    const options = { region: config[place].region, credentials };
    const clients = {
      cloudFormation: new CloudFormationClient(options),
      secretsManager: new SecretsManagerClient(options),
      ses: new SESv2Client(options),
      bedrock: new BedrockClient(options),
      iam: new IAMClient(options),
      connections: new CodeStarConnectionsClient(options),
      sts: new STSClient(options),
    };
    const stub: Stubs = {
      cloudFormation: mockClient(clients.cloudFormation),
      secretsManager: mockClient(clients.secretsManager),
      ses: mockClient(clients.ses),
      bedrock: mockClient(clients.bedrock),
      iam: mockClient(clients.iam),
      connections: mockClient(clients.connections),
      sts: mockClient(clients.sts),
    };
    const access: AccountAccess = {
      place,
      account: config[place].account,
      region: config[place].region,
      profileArgument: `--profile ${place}`,
      clients,
    };
    return [place, access, stub] as const;
  });
  accounts = Object.fromEntries(built.map(([place, access]) => [place, access])) as Record<
    Place,
    AccountAccess
  >;
  stubs = Object.fromEntries(built.map(([place, , stub]) => [place, stub])) as Record<Place, Stubs>;
  for (const place of PLACES) {
    // Each profile reaches its own account; anything else not stubbed below is "not there", as AWS answers it.
    stubs[place].sts.on(GetCallerIdentityCommand).resolves({ Account: config[place].account });
    stubs[place].cloudFormation.on(DescribeStacksCommand).callsFake((input: { StackName: string }) => {
      throw new CloudFormationServiceException({
        ...metadata,
        name: 'ValidationError',
        $fault: 'client',
        message: `Stack with id ${input.StackName} does not exist`,
      });
    });
    stubs[place].secretsManager
      .on(DescribeSecretCommand)
      .rejects(new SecretNotFound({ ...metadata, message: 'no' }));
    stubs[place].ses.on(GetEmailIdentityCommand).rejects(new SesNotFound({ ...metadata, message: 'no' }));
    stubs[place].ses.on(GetConfigurationSetCommand).rejects(new SesNotFound({ ...metadata, message: 'no' }));
    stubs[place].ses.on(GetAccountCommand).resolves({ ProductionAccessEnabled: false });
    stubs[place].bedrock
      .on(GetFoundationModelAvailabilityCommand)
      .rejects(new BedrockNotFound({ ...metadata, message: 'no' }));
    stubs[place].iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ ...metadata, message: 'no' }));
    stubs[place].connections
      .on(GetConnectionCommand)
      .rejects(new ConnectionNotFound({ ...metadata, message: 'no' }));
  }
});

function stack(name: string, extra: Partial<Stack> = {}): { Stacks: Stack[] } {
  return {
    Stacks: [{ StackName: name, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(0), ...extra }],
  };
}

function bootstrap(place: Place, version: string, trusted = config.toolchain.account): void {
  stubs[place].cloudFormation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves(
    stack('CDKToolkit', {
      StackStatus: 'UPDATE_COMPLETE',
      Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: version }],
      Parameters: place === 'toolchain' ? [] : [{ ParameterKey: 'TrustedAccounts', ParameterValue: trusted }],
    }),
  );
}

const sharingTrust = (account: string) =>
  encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
      ],
    }),
  );

/** Every account as the first deployment needs it. */
function everythingReady(): void {
  for (const place of PLACES) {
    bootstrap(place, '27');
    stubs[place].secretsManager.on(DescribeSecretCommand).resolves({ Name: config.slackWebhookSecretName });
  }
  stubs.toolchain.connections
    .on(GetConnectionCommand)
    .resolves({ Connection: { ConnectionStatus: 'AVAILABLE' } });
  stubs.toolchain.iam
    .on(GetRoleCommand, { RoleName: 'AWSServiceRoleForCloudWatchCrossAccount' })
    .resolves({});
  stubs.production.iam
    .on(GetRoleCommand, { RoleName: 'CloudWatch-CrossAccountSharingRole' })
    .resolves({ Role: { AssumeRolePolicyDocument: sharingTrust(config.toolchain.account) } as never });
  for (const stage of ['staging', 'production'] as const) {
    stubs[stage].ses.on(GetEmailIdentityCommand).resolves({ VerifiedForSendingStatus: true });
    stubs[stage].ses.on(GetAccountCommand).resolves({ ProductionAccessEnabled: true });
    stubs[stage].ses.on(GetConfigurationSetCommand).resolves({ ConfigurationSetName: 'goal-mandala-mail' });
    stubs[stage].bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
      modelId: MODEL,
      agreementAvailability: { status: 'AVAILABLE' },
      authorizationStatus: 'AUTHORIZED',
      entitlementAvailability: 'AVAILABLE',
      regionAvailability: 'AVAILABLE',
    });
    const edge = `${stage === 'staging' ? 'Staging' : 'Production'}-Edge`;
    stubs[stage].cloudFormation.on(DescribeStacksCommand, { StackName: edge }).resolves(
      stack(edge, {
        Outputs: [{ OutputKey: 'SiteUrl', OutputValue: config[stage].passwordResetMail.siteUrl }],
      }),
    );
  }
  stubs.production.cloudFormation
    .on(DescribeStacksCommand, { StackName: 'GoalMandalaChangeReviewAccess' })
    .resolves(stack('GoalMandalaChangeReviewAccess'));
}

async function lines(): Promise<string[]> {
  return (await onlineChecks({ config, accounts, requiredBootstrapVersion: 21 })).map(renderResult);
}

describe('doctor --online', () => {
  it('✓ every check when each account is ready', async () => {
    everythingReady();
    expect(await lines()).toEqual([
      '✓ toolchain (111111111111): --profile toolchain reaches it',
      '✓ staging (222222222222): --profile staging reaches it',
      '✓ production (333333333333): --profile production reaches it',
      `✓ toolchain: repository connection AVAILABLE (${config.repository.connectionArn})`,
      '✓ toolchain (111111111111, ap-northeast-1): bootstrapped, CDKToolkit version 27 (needs 21)',
      '✓ staging (222222222222, ap-northeast-1): bootstrapped, CDKToolkit version 27 (needs 21), trusts the toolchain account 111111111111',
      '✓ production (333333333333, ap-northeast-1): bootstrapped, CDKToolkit version 27 (needs 21), trusts the toolchain account 111111111111',
      '✓ toolchain (111111111111): Slack webhook secret goal-mandala/slack-webhook-url present',
      '✓ staging (222222222222): Slack webhook secret goal-mandala/slack-webhook-url present',
      '✓ production (333333333333): Slack webhook secret goal-mandala/slack-webhook-url present',
      '✓ staging (222222222222, ap-northeast-1): SES identity staging.goal-mandala.example.com verified',
      '✓ staging (222222222222, ap-northeast-1): SES production access (out of the sandbox)',
      '✓ production (333333333333, ap-northeast-1): SES identity goal-mandala.example.com verified',
      '✓ production (333333333333, ap-northeast-1): SES production access (out of the sandbox)',
      '✓ production (333333333333, ap-northeast-1): SES configuration set goal-mandala-mail present',
      `✓ staging (222222222222, ap-northeast-1): access to Bedrock model ${MODEL}`,
      `✓ production (333333333333, ap-northeast-1): access to Bedrock model ${MODEL}`,
      '✓ toolchain (111111111111): CloudWatch cross-account viewing on (AWSServiceRoleForCloudWatchCrossAccount)',
      '✓ production (333333333333): CloudWatch-CrossAccountSharingRole trusts the toolchain account 111111111111',
      '✓ production (333333333333): GoalMandalaChangeReviewAccess deployed (CREATE_COMPLETE)',
      `✓ staging: goalMandala.staging.passwordResetMail.siteUrl is the distribution's address (${config.staging.passwordResetMail.siteUrl})`,
      `✓ production: goalMandala.production.passwordResetMail.siteUrl is the distribution's address (${config.production.passwordResetMail.siteUrl})`,
    ]);
  });

  it('✗ each missing thing in fresh accounts, with the command that fixes it', async () => {
    const found = await lines();
    expect(found.filter((line) => line.startsWith('✗'))).toEqual([
      `✗ toolchain: repository.connectionArn ${config.repository.connectionArn} does not exist — fix: aws codestar-connections create-connection --provider-type GitHub --connection-name goal-mandala --profile toolchain --region ap-northeast-1, complete its handshake (Developer Tools console → Settings → Connections → the connection → Update pending connection), put its ARN in repository.connectionArn`,
      '✗ toolchain (111111111111, ap-northeast-1): not bootstrapped (no CDKToolkit stack) — fix: npx cdk bootstrap aws://111111111111/ap-northeast-1 --profile toolchain --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess',
      '✗ staging (222222222222, ap-northeast-1): not bootstrapped (no CDKToolkit stack) — fix: npx cdk bootstrap aws://222222222222/ap-northeast-1 --profile staging --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess',
      '✗ production (333333333333, ap-northeast-1): not bootstrapped (no CDKToolkit stack) — fix: npx cdk bootstrap aws://333333333333/ap-northeast-1 --profile production --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess',
      "✗ toolchain (111111111111): no Slack webhook secret goal-mandala/slack-webhook-url — fix: aws secretsmanager create-secret --name goal-mandala/slack-webhook-url --secret-string 'https://hooks.slack.com/services/…' --profile toolchain --region ap-northeast-1",
      "✗ staging (222222222222): no Slack webhook secret goal-mandala/slack-webhook-url — fix: aws secretsmanager create-secret --name goal-mandala/slack-webhook-url --secret-string 'https://hooks.slack.com/services/…' --profile staging --region ap-northeast-1",
      "✗ production (333333333333): no Slack webhook secret goal-mandala/slack-webhook-url — fix: aws secretsmanager create-secret --name goal-mandala/slack-webhook-url --secret-string 'https://hooks.slack.com/services/…' --profile production --region ap-northeast-1",
      '✗ staging (222222222222, ap-northeast-1): SES identity staging.goal-mandala.example.com does not exist — fix: aws sesv2 create-email-identity --email-identity staging.goal-mandala.example.com --profile staging --region ap-northeast-1, then publish the DKIM records it lists (a domain) or click the link mailed to it (an address)',
      `✗ staging (222222222222, ap-northeast-1): SES is in the sandbox: reset mail reaches verified addresses only — fix: aws sesv2 put-account-details --production-access-enabled --mail-type TRANSACTIONAL --website-url ${config.staging.passwordResetMail.siteUrl} --use-case-description 'password reset links' --profile staging --region ap-northeast-1`,
      '✗ production (333333333333, ap-northeast-1): SES identity goal-mandala.example.com does not exist — fix: aws sesv2 create-email-identity --email-identity goal-mandala.example.com --profile production --region ap-northeast-1, then publish the DKIM records it lists (a domain) or click the link mailed to it (an address)',
      `✗ production (333333333333, ap-northeast-1): SES is in the sandbox: reset mail reaches verified addresses only — fix: aws sesv2 put-account-details --production-access-enabled --mail-type TRANSACTIONAL --website-url ${config.production.passwordResetMail.siteUrl} --use-case-description 'password reset links' --profile production --region ap-northeast-1`,
      '✗ production (333333333333, ap-northeast-1): SES configuration set goal-mandala-mail (production.passwordResetMail.configurationSet) does not exist: every reset mail would be refused — fix: aws sesv2 create-configuration-set --configuration-set-name goal-mandala-mail --profile production --region ap-northeast-1',
      `✗ staging (222222222222, ap-northeast-1): Bedrock has no model ${MODEL} — fix: set staging.bedrockModelId to a model offered in ap-northeast-1 (aws bedrock list-foundation-models --profile staging --region ap-northeast-1)`,
      `✗ production (333333333333, ap-northeast-1): Bedrock has no model ${MODEL} — fix: set production.bedrockModelId to a model offered in ap-northeast-1 (aws bedrock list-foundation-models --profile production --region ap-northeast-1)`,
      '✗ toolchain (111111111111): CloudWatch cross-account viewing is off (no AWSServiceRoleForCloudWatchCrossAccount): the bake alarms would see no metric — fix: aws iam create-service-linked-role --aws-service-name cloudwatch-crossaccount.amazonaws.com --profile toolchain',
      '✗ production (333333333333): no GoalMandalaChangeReviewAccess stack: ChangeReview would fail on sts:AssumeRole — fix: npx cdk deploy GoalMandalaChangeReviewAccess --profile production',
    ]);
    // What the first production deployment itself creates is not a problem before it.
    expect(found.filter((line) => line.startsWith('✓'))).toEqual([
      '✓ toolchain (111111111111): --profile toolchain reaches it',
      '✓ staging (222222222222): --profile staging reaches it',
      '✓ production (333333333333): --profile production reaches it',
      '✓ production (333333333333): CloudWatch-CrossAccountSharingRole not there yet: the first production deployment creates it (Production-Observability)',
      '✓ staging: Staging-Edge not deployed yet: after the first deployment, set goalMandala.staging.passwordResetMail.siteUrl to its SiteUrl output and run the doctor again',
      '✓ production: Production-Edge not deployed yet: after the first deployment, set goalMandala.production.passwordResetMail.siteUrl to its SiteUrl output and run the doctor again',
    ]);
  });

  it('✗ what is there but not right: an old or untrusting bootstrap, a pending connection, a deleted secret, an unverified identity, no model access, a foreign trust, a failed stack, another siteUrl', async () => {
    everythingReady();
    bootstrap('staging', '14');
    bootstrap('production', '27', '999999999999');
    stubs.toolchain.connections
      .on(GetConnectionCommand)
      .resolves({ Connection: { ConnectionStatus: 'PENDING' } });
    stubs.staging.secretsManager
      .on(DescribeSecretCommand)
      .resolves({ Name: config.slackWebhookSecretName, DeletedDate: new Date(0) });
    stubs.staging.ses.on(GetEmailIdentityCommand).resolves({ VerifiedForSendingStatus: false });
    stubs.production.bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
      modelId: MODEL,
      agreementAvailability: { status: 'NOT_AVAILABLE' },
      authorizationStatus: 'NOT_AUTHORIZED',
      entitlementAvailability: 'AVAILABLE',
      regionAvailability: 'AVAILABLE',
    });
    stubs.staging.bedrock.on(GetFoundationModelAvailabilityCommand).resolves({
      modelId: MODEL,
      agreementAvailability: { status: 'AVAILABLE' },
      authorizationStatus: 'AUTHORIZED',
      entitlementAvailability: 'AVAILABLE',
      regionAvailability: 'NOT_AVAILABLE',
    });
    stubs.production.iam
      .on(GetRoleCommand, { RoleName: 'CloudWatch-CrossAccountSharingRole' })
      .resolves({ Role: { AssumeRolePolicyDocument: sharingTrust('999999999999') } as never });
    stubs.production.cloudFormation
      .on(DescribeStacksCommand, { StackName: 'GoalMandalaChangeReviewAccess' })
      .resolves(stack('GoalMandalaChangeReviewAccess', { StackStatus: 'ROLLBACK_COMPLETE' }));
    stubs.staging.cloudFormation.on(DescribeStacksCommand, { StackName: 'Staging-Edge' }).resolves(
      stack('Staging-Edge', {
        Outputs: [{ OutputKey: 'SiteUrl', OutputValue: 'https://d9999abcdef.cloudfront.net' }],
      }),
    );

    expect((await lines()).filter((line) => line.startsWith('✗'))).toEqual([
      '✗ toolchain: repository connection is PENDING, not AVAILABLE — fix: complete its handshake: Developer Tools console → Settings → Connections → the connection → Update pending connection',
      '✗ staging (222222222222, ap-northeast-1): CDKToolkit is version 14, the stacks need 21 or later — fix: npx cdk bootstrap aws://222222222222/ap-northeast-1 --profile staging --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess',
      '✗ production (333333333333, ap-northeast-1): CDKToolkit version 27 does not trust the toolchain account 111111111111 (trusts 999999999999) — fix: npx cdk bootstrap aws://333333333333/ap-northeast-1 --profile production --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess',
      '✗ staging (222222222222): Slack webhook secret goal-mandala/slack-webhook-url is scheduled for deletion — fix: aws secretsmanager restore-secret --secret-id goal-mandala/slack-webhook-url --profile staging --region ap-northeast-1',
      '✗ staging (222222222222, ap-northeast-1): SES identity staging.goal-mandala.example.com is not verified yet — fix: publish its DKIM CNAME records (aws sesv2 get-email-identity --email-identity staging.goal-mandala.example.com --profile staging --region ap-northeast-1 lists them), or click the verification link sent to the address',
      `✗ staging (222222222222, ap-northeast-1): Bedrock model ${MODEL} is not offered in ap-northeast-1 — fix: set staging.bedrockModelId to a model offered there (aws bedrock list-foundation-models --profile staging --region ap-northeast-1)`,
      `✗ production (333333333333, ap-northeast-1): no access to Bedrock model ${MODEL} (authorization NOT_AUTHORIZED, agreement NOT_AVAILABLE) — fix: Amazon Bedrock console (ap-northeast-1, production account) → Model access → request ${MODEL}`,
      '✗ production (333333333333): CloudWatch-CrossAccountSharingRole does not trust the toolchain account 111111111111 — fix: release again: Production-Observability owns the role (if it was made by hand, delete it first: aws iam delete-role)',
      '✗ production (333333333333): GoalMandalaChangeReviewAccess is ROLLBACK_COMPLETE — fix: npx cdk deploy GoalMandalaChangeReviewAccess --profile production',
      `✗ staging: goalMandala.staging.passwordResetMail.siteUrl is ${config.staging.passwordResetMail.siteUrl}, but the distribution is https://d9999abcdef.cloudfront.net: reset links point nowhere — fix: set goalMandala.staging.passwordResetMail.siteUrl to "https://d9999abcdef.cloudfront.net" in cdk.json, commit and push`,
    ]);
  });

  it('✗ a check the credentials cannot answer, naming the remedy, while the other accounts are still checked', async () => {
    everythingReady();
    stubs.staging.bedrock.on(GetFoundationModelAvailabilityCommand).rejects(
      new AccessDeniedException({
        ...metadata,
        message: 'not allowed to bedrock:GetFoundationModelAvailability',
      }),
    );
    const noCredentials = Object.assign(
      new Error('Could not resolve credentials using profile: [production]'),
      {
        name: 'CredentialsProviderError',
      },
    );
    stubs.production.secretsManager.on(DescribeSecretCommand).rejects(noCredentials);
    const found = await lines();
    expect(found.filter((line) => line.startsWith('✗'))).toEqual([
      '✗ production (333333333333): Slack webhook secret goal-mandala/slack-webhook-url: could not check (CredentialsProviderError: Could not resolve credentials using profile: [production]) — fix: give the doctor credentials for this account: aws sso login --profile production (or aws configure --profile production), or name another with --profile-<account>',
      `✗ staging (222222222222): Bedrock model ${MODEL}: could not check (AccessDeniedException: not allowed to bedrock:GetFoundationModelAvailability) — fix: run the doctor with a profile of this account allowed to read it (--profile staging was refused)`,
    ]);
    expect(found).toHaveLength(22);
  });

  it("✗ a profile of the wrong account, or one without credentials, once, and skips that account's checks", async () => {
    everythingReady();
    stubs.staging.sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });
    stubs.production.sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('Could not resolve credentials using profile: [production]'), {
        name: 'CredentialsProviderError',
      }),
    );
    const found = await lines();
    expect(found.filter((line) => line.startsWith('✗'))).toEqual([
      '✗ staging (222222222222): --profile staging reaches account 999999999999, not staging.account — fix: name a profile of account 222222222222 with --profile-staging',
      '✗ production (333333333333): credentials: could not check (CredentialsProviderError: Could not resolve credentials using profile: [production]) — fix: give the doctor credentials for this account: aws sso login --profile production (or aws configure --profile production), or name another with --profile-<account>',
    ]);
    // Only the toolchain's own checks ran: its identity, connection, bootstrap, secret, CloudWatch role.
    expect(found.filter((line) => line.startsWith('✓'))).toEqual([
      '✓ toolchain (111111111111): --profile toolchain reaches it',
      `✓ toolchain: repository connection AVAILABLE (${config.repository.connectionArn})`,
      '✓ toolchain (111111111111, ap-northeast-1): bootstrapped, CDKToolkit version 27 (needs 21)',
      '✓ toolchain (111111111111): Slack webhook secret goal-mandala/slack-webhook-url present',
      '✓ toolchain (111111111111): CloudWatch cross-account viewing on (AWSServiceRoleForCloudWatchCrossAccount)',
    ]);
    expect(stubs.staging.secretsManager.calls()).toHaveLength(0);
    expect(stubs.production.cloudFormation.calls()).toHaveLength(0);
  });

  it('prints the configuration, then the accounts, and counts the ✗ as its verdict', async () => {
    everythingReady();
    stubs.toolchain.iam
      .on(GetRoleCommand, { RoleName: 'AWSServiceRoleForCloudWatchCrossAccount' })
      .rejects(new NoSuchEntityException({ ...metadata, message: 'no' }));
    const printed: string[] = [];
    const problems = await runDoctor({
      config,
      configFile: 'cdk.json',
      online: {
        accounts,
        requiredBootstrapVersion: 21,
        bootstrapVersionFrom: 'the cloud assembly in cdk.out',
      },
      print: (line) => printed.push(line),
    });
    expect(problems).toBe(1);
    expect(printed[0]).toBe('doctor: the configuration (cdk.json)');
    expect(printed[6]).toBe(
      'doctor: the accounts (toolchain --profile toolchain, staging --profile staging, production --profile production; bootstrap version needed: 21, from the cloud assembly in cdk.out)',
    );
    expect(printed.at(-1)).toBe(
      'doctor: 1 of 27 checks failed: fix them (each ✗ says how), then run the doctor again',
    );
  });
});
