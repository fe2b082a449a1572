import { parseCommandLine, UsageError, type CommandSpec } from '../cli/command-line.js';

export const FETCH_COMMAND = {
  name: 'review:fetch',
  usage: 'npm run review:fetch -- --out DIR [--assembly cdk.out] [--stage Production] [--role-arn ARN]',
  description: [
    "Fetches the stage's deployed templates (CloudFormation GetTemplate) for `npm run review`: one",
    '<artifact id>.template.json per deployed stack; a stack not deployed yet gets no file. Needs',
    "credentials for the stage's account (AWS_PROFILE=production), or --role-arn to assume the change",
    "review's read-only role.",
  ].join('\n'),
  options: {
    out: { type: 'string', value: 'DIR', help: "where the deployed templates go (the review's --deployed)" },
    assembly: {
      type: 'string',
      value: 'DIR',
      default: 'cdk.out',
      help: 'the cloud assembly naming the stacks',
    },
    stage: { type: 'string', value: 'NAME', default: 'Production', help: 'the stage whose stacks to fetch' },
    'role-arn': {
      type: 'string',
      value: 'ARN',
      help: "a role to assume in the stage's account (default: your credentials)",
    },
  },
  environment: { AWS_PROFILE: "the profile with credentials for the stage's account" },
  seeAlso: 'docs/runbook.md, "Change review"',
} as const satisfies CommandSpec;

export interface FetchArgs {
  /** Where the deployed templates go (the review's `--deployed`). */
  readonly out: string;
  /** @default 'cdk.out' */
  readonly assembly: string;
  /** @default 'Production' */
  readonly stage: string;
  /** The read-only role to assume in the stage's account. @default - the ambient credentials */
  readonly roleArn?: string;
}

/** Parses `npm run review:fetch` arguments; a mistake is a UsageError naming it. */
export function parseFetchArgs(argv: readonly string[]): FetchArgs {
  const { values } = parseCommandLine(FETCH_COMMAND, argv);
  if (!values.out) throw new UsageError('--out DIR is required');
  const roleArn = values['role-arn'];
  if (roleArn !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn)) {
    throw new UsageError(`--role-arn must be an IAM role ARN, not "${roleArn}"`);
  }
  return { out: values.out, assembly: values.assembly, stage: values.stage, roleArn };
}
