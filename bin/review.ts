#!/usr/bin/env node
// `npm run review -- --deployed DIR [--assembly cdk.out] [--stage Production]`: what deploying the
// stage's assembly over the deployed templates changes; prints the review (last line: the summary).
import { readCommandLine } from '../pipeline/cli/command-line.js';
import { parseReviewArgs, REVIEW_COMMAND } from '../pipeline/review/review-args.js';
import { ReviewError } from '../pipeline/review/review-error.js';
import { runReview } from '../pipeline/review/run-review.js';

const args = readCommandLine(REVIEW_COMMAND, parseReviewArgs);
try {
  const { markdown } = runReview(args);
  console.error(`review: writing ${args.out}`);
  process.stdout.write(markdown);
} catch (error) {
  if (!(error instanceof ReviewError)) throw error;
  console.error(`review: ${error.message}`);
  process.exitCode = 1;
}
