import { type CommandSpec, parseCommandLine, UsageError } from '../cli/command-line.js';

export const DOCTOR_COMMAND = {
  name: 'doctor',
  usage:
    'npm run doctor [-- --online [--profile-toolchain NAME] [--profile-staging NAME] [--profile-production NAME] | --assume-role NAME]',
  description: [
    'Checks what the first deployment needs, one line each: ✓, or ✗ with the command that fixes it; exits 1',
    'when anything is missing. Offline (the default) it checks cdk.json beyond its schema: three distinct',
    "accounts, production in the toolchain's region, a price table for every region, reset links at each",
    "stage's distribution, the repository connection in the toolchain's account and region. With --online it also asks each account (one profile per account, by default the",
    "runbook's toolchain, staging and production, or --assume-role): the CDK bootstrap stack (version and",
    'trust), the repository connection, the Slack secret, SES, Bedrock model access, CloudWatch',
    'cross-account viewing, the change review access stack, siteUrl against the deployed distribution.',
    'Read-only: it changes nothing.',
  ].join('\n'),
  options: {
    online: { type: 'boolean', help: 'also check the three accounts (needs credentials for each)' },
    'profile-toolchain': {
      type: 'string',
      value: 'NAME',
      default: 'toolchain',
      help: "the toolchain account's profile",
    },
    'profile-staging': {
      type: 'string',
      value: 'NAME',
      default: 'staging',
      help: "the staging account's profile",
    },
    'profile-production': {
      type: 'string',
      value: 'NAME',
      default: 'production',
      help: "the production account's profile",
    },
    'assume-role': {
      type: 'string',
      value: 'NAME',
      help: 'instead of profiles: assume the role of this name in each account, from your current credentials',
    },
    config: { type: 'string', value: 'FILE', default: 'cdk.json', help: 'the configuration to check' },
    assembly: {
      type: 'string',
      value: 'DIR',
      default: 'cdk.out',
      help: 'the cloud assembly naming the bootstrap version it needs',
    },
  },
  seeAlso: 'docs/runbook.md, "First deployment"',
} as const satisfies CommandSpec;

export function parseDoctorArgs(argv: readonly string[]) {
  const { values } = parseCommandLine(DOCTOR_COMMAND, argv);
  const role = values['assume-role'];
  if (role !== undefined && !/^[\w+=,.@-]{1,64}$/.test(role)) {
    throw new UsageError(`--assume-role must be a role name (not an ARN), not "${role}"`);
  }
  const profileGiven = argv.some((arg) => arg.startsWith('--profile-'));
  if (role !== undefined && profileGiven)
    throw new UsageError('--assume-role and --profile-* exclude each other');
  if (!values.online && (role !== undefined || profileGiven)) {
    throw new UsageError('--profile-* and --assume-role need --online');
  }
  return values;
}
