#!/usr/bin/env node
// `npm run doctor [-- --online]`: what the first deployment needs, checked; one line each, ✓ or ✗ with its fix.
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodeStarConnectionsClient } from '@aws-sdk/client-codestar-connections';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { readCommandLine } from '../pipeline/cli/command-line.js';
import { ConfigError, parseConfigKeys, readCdkJsonContext, type AppConfig } from '../pipeline/config.js';
import { DOCTOR_COMMAND, parseDoctorArgs } from '../pipeline/doctor/doctor-command.js';
import { type AccountAccess, type Place, PLACES } from '../pipeline/doctor/online/account-access.js';
import { requiredBootstrapVersion } from '../pipeline/doctor/required-bootstrap-version.js';
import { runDoctor } from '../pipeline/doctor/run-doctor.js';

// package.json allows Node 20 (engines); the SDK's multi-line notice about upgrading is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = readCommandLine(DOCTOR_COMMAND, parseDoctorArgs);

let config: AppConfig;
try {
  // Each key against its schema; the rules between keys are the doctor's own checks, all reported.
  config = parseConfigKeys(readCdkJsonContext(args.config)) as AppConfig;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`doctor: ${error.message}`);
  process.exit(1);
}

function access(place: Place): AccountAccess {
  const { account, region } = config[place];
  const role = args['assume-role'];
  const profile = args[`profile-${place}`];
  const credentials = role
    ? fromTemporaryCredentials({
        params: { RoleArn: `arn:aws:iam::${account}:role/${role}`, RoleSessionName: 'goal-mandala-doctor' },
      })
    : fromIni({ profile });
  const options = { region, credentials, maxAttempts: 2 };
  // The connection lives where its ARN says; IAM is global.
  const connectionRegion = config.repository.connectionArn.split(':')[3];
  return {
    place,
    account,
    region,
    profileArgument: role ? `--profile <a profile of ${account}>` : `--profile ${profile}`,
    clients: {
      cloudFormation: new CloudFormationClient(options),
      secretsManager: new SecretsManagerClient(options),
      ses: new SESv2Client(options),
      bedrock: new BedrockClient(options),
      iam: new IAMClient({ ...options, region: 'us-east-1' }),
      connections: new CodeStarConnectionsClient({ ...options, region: connectionRegion }),
      sts: new STSClient(options),
    },
  };
}

const online = args.online
  ? (() => {
      const required = requiredBootstrapVersion(args.assembly);
      return {
        accounts: Object.fromEntries(PLACES.map((place) => [place, access(place)])) as Record<
          Place,
          AccountAccess
        >,
        requiredBootstrapVersion: required.version,
        bootstrapVersionFrom: required.from,
      };
    })()
  : undefined;

const problems = await runDoctor({
  config,
  configFile: args.config,
  online,
  print: (line) => console.log(line),
});
process.exitCode = problems > 0 ? 1 : 0;
