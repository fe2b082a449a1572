import { parseArgs } from 'node:util';
import { RollbackError } from './rollback-error.js';

export const ROLLBACK_USAGE =
  'usage: npm run rollback -- <tag> [--yes] [--pipeline <name>] [--region <region>] [--poll-seconds <n>]';

export interface RollbackArgs {
  readonly tag: string;
  /** Skip the confirmation prompt (for scripts). */
  readonly yes: boolean;
  /** @default - `<appName>-delivery` from cdk.json */
  readonly pipeline?: string;
  /** @default - the toolchain region from cdk.json */
  readonly region?: string;
  readonly pollSeconds: number;
}

/** Parses the command line; a mistake gives one line with the usage. */
export function parseRollbackArgs(argv: readonly string[]): RollbackArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        yes: { type: 'boolean', short: 'y', default: false },
        pipeline: { type: 'string' },
        region: { type: 'string' },
        'poll-seconds': { type: 'string', default: '10' },
      },
    });
  } catch (error) {
    throw new RollbackError(`${(error as Error).message.split('\n')[0]}; ${ROLLBACK_USAGE}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    throw new RollbackError(
      `${positionals.length ? 'exactly one tag expected' : 'missing tag'}; ${ROLLBACK_USAGE}`,
    );
  }
  const pollSeconds = Number(values['poll-seconds']);
  if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) {
    throw new RollbackError(`--poll-seconds must be a positive number; ${ROLLBACK_USAGE}`);
  }
  return {
    tag: positionals[0]!,
    yes: values.yes,
    pipeline: values.pipeline,
    region: values.region,
    pollSeconds,
  };
}
