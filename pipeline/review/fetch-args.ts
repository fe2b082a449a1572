import { parseArgs } from 'node:util';
import { ReviewError } from './review-error.js';

export const FETCH_USAGE =
  'usage: npm run review:fetch -- --out DIR [--assembly cdk.out] [--stage Production] [--role-arn ARN]';

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

/** Parses `npm run review:fetch` arguments; a mistake gives one line with the usage. */
export function parseFetchArgs(argv: readonly string[]): FetchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        assembly: { type: 'string', default: 'cdk.out' },
        stage: { type: 'string', default: 'Production' },
        'role-arn': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new ReviewError(`${(error as Error).message.split('\n')[0]}; ${FETCH_USAGE}`);
  }
  if (!values.out) throw new ReviewError(`--out DIR is required; ${FETCH_USAGE}`);
  const roleArn = values['role-arn'];
  if (roleArn !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn)) {
    throw new ReviewError(`--role-arn must be an IAM role ARN, not "${roleArn}"; ${FETCH_USAGE}`);
  }
  return { out: values.out, assembly: values.assembly, stage: values.stage, roleArn };
}
