import { parseArgs } from 'node:util';
import { ReviewError } from './review-error.js';

export const REVIEW_USAGE =
  'usage: npm run review -- --deployed DIR [--assembly cdk.out] [--stage Production] [--out reports/change-review.md] [--note FILE] [--config cdk.json]';

export interface ReviewArgs {
  /** The deployed templates: one `<artifact id>.template.json` per deployed stack. */
  readonly deployed: string;
  /** @default 'cdk.out' */
  readonly assembly: string;
  /** @default 'Production' */
  readonly stage: string;
  /** @default 'reports/change-review.md' (git ignores reports/) */
  readonly out: string;
  /** Where to write the approval's one-line note. @default - not written */
  readonly note?: string;
  /** The app's cdk.json, whose usage prices the monthly cost before → after. @default 'cdk.json' (no cost line without it) */
  readonly config: string;
}

/** Parses `npm run review` arguments; a mistake gives one line with the usage. */
export function parseReviewArgs(argv: readonly string[]): ReviewArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        deployed: { type: 'string' },
        assembly: { type: 'string', default: 'cdk.out' },
        stage: { type: 'string', default: 'Production' },
        out: { type: 'string', default: 'reports/change-review.md' },
        note: { type: 'string' },
        config: { type: 'string', default: 'cdk.json' },
      },
    }));
  } catch (error) {
    throw new ReviewError(`${(error as Error).message.split('\n')[0]}; ${REVIEW_USAGE}`);
  }
  if (!values.deployed) throw new ReviewError(`--deployed DIR is required; ${REVIEW_USAGE}`);
  return { ...values, deployed: values.deployed };
}
