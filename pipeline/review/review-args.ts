import { parseCommandLine, UsageError, type CommandSpec } from '../cli/command-line.js';

export const REVIEW_COMMAND = {
  name: 'review',
  usage:
    'npm run review -- --deployed DIR [--assembly cdk.out] [--stage Production] [--out change-review.md] [--note FILE] [--config cdk.json]',
  description: [
    "What deploying the stage's cloud assembly would change against its deployed templates (fetched by",
    '`npm run review:fetch`): resources added, modified, replaced and removed, data-loss risks, IAM and',
    'security group changes, the monthly cost before and after. Writes the review and prints it; the last',
    'line is the summary. Works offline.',
  ].join('\n'),
  options: {
    deployed: {
      type: 'string',
      value: 'DIR',
      help: 'the deployed templates (one <artifact id>.template.json per stack)',
    },
    assembly: { type: 'string', value: 'DIR', default: 'cdk.out', help: 'the cloud assembly to deploy' },
    stage: { type: 'string', value: 'NAME', default: 'Production', help: 'the stage to review' },
    out: { type: 'string', value: 'FILE', default: 'change-review.md', help: 'where the review is written' },
    note: { type: 'string', value: 'FILE', help: "where to write the approval's one-line note" },
    config: {
      type: 'string',
      value: 'FILE',
      default: 'cdk.json',
      help: 'the configuration whose usage prices the cost line',
    },
  },
  seeAlso: 'docs/runbook.md, "Change review"',
} as const satisfies CommandSpec;

export interface ReviewArgs {
  /** The deployed templates: one `<artifact id>.template.json` per deployed stack. */
  readonly deployed: string;
  /** @default 'cdk.out' */
  readonly assembly: string;
  /** @default 'Production' */
  readonly stage: string;
  /** @default 'change-review.md' */
  readonly out: string;
  /** Where to write the approval's one-line note. @default - not written */
  readonly note?: string;
  /** The app's cdk.json, whose usage prices the monthly cost before → after. @default 'cdk.json' (no cost line without it) */
  readonly config: string;
}

/** Parses `npm run review` arguments; a mistake is a UsageError naming it. */
export function parseReviewArgs(argv: readonly string[]): ReviewArgs {
  const { values } = parseCommandLine(REVIEW_COMMAND, argv);
  if (!values.deployed) throw new UsageError('--deployed DIR is required');
  return { ...values, deployed: values.deployed };
}
