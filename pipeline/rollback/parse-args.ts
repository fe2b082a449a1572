import { parseCommandLine, UsageError, type CommandSpec } from '../cli/command-line.js';

export const ROLLBACK_COMMAND = {
  name: 'rollback',
  usage: 'npm run rollback -- <tag> [--yes] [--pipeline NAME] [--region REGION] [--poll-seconds N]',
  description: [
    'Redeploys a tagged commit through the delivery pipeline (to Staging, then, after your approval, to',
    'Production), following the run stage by stage; exits 0 only if the run succeeds. Run it with the',
    "toolchain account's credentials (AWS_PROFILE=toolchain). The console's stage Roll back is faster.",
  ].join('\n'),
  positionals: true,
  options: {
    yes: { type: 'boolean', short: 'y', help: 'start without asking (for scripts)' },
    pipeline: {
      type: 'string',
      value: 'NAME',
      help: 'the pipeline (default <appName>-delivery from cdk.json)',
    },
    region: {
      type: 'string',
      value: 'REGION',
      help: "the pipeline's region (default toolchain.region from cdk.json)",
    },
    'poll-seconds': { type: 'string', value: 'N', default: '10', help: 'seconds between progress checks' },
  },
  seeAlso: 'docs/runbook.md, "Rolling back"',
} as const satisfies CommandSpec;

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

/** Parses the command line; a mistake is a UsageError naming it. */
export function parseRollbackArgs(argv: readonly string[]): RollbackArgs {
  const { positionals, values } = parseCommandLine(ROLLBACK_COMMAND, argv);
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? 'exactly one tag expected' : 'missing tag');
  }
  const pollSeconds = Number(values['poll-seconds']);
  if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) {
    throw new UsageError('--poll-seconds must be a positive number');
  }
  return {
    tag: positionals[0]!,
    yes: values.yes,
    pipeline: values.pipeline,
    region: values.region,
    pollSeconds,
  };
}
