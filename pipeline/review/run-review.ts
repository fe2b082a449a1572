/**
 * `npm run review`: reviews the stage's stacks in the assembly against the deployed templates and
 * writes the markdown (and, for the pipeline, the approval's one-line note).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONTEXT_KEY, ConfigError, parseConfig } from '../config.js';
import { type CostInputs, costInputsFromConfig } from '../cost/estimate.js';
import { DeployedTemplateError } from './deployed-templates.js';
import { approvalNote, renderMarkdown } from './render-markdown.js';
import type { ReviewArgs } from './review-args.js';
import { ReviewError } from './review-error.js';
import { type ChangeReview, reviewStage, summaryLine } from './review-stage.js';
import { StageNotFoundError } from './stage-assembly.js';

export interface ReviewResult {
  readonly review: ChangeReview;
  readonly markdown: string;
  readonly summary: string;
}

export function runReview(args: ReviewArgs): ReviewResult {
  if (!existsSync(args.deployed) || !statSync(args.deployed).isDirectory()) {
    throw new ReviewError(`--deployed ${args.deployed} is not a directory`);
  }
  if (!existsSync(`${args.assembly}/manifest.json`)) {
    throw new ReviewError(
      `--assembly ${args.assembly} is not a cloud assembly (no manifest.json): run cdk synth first`,
    );
  }
  let review: ChangeReview;
  try {
    review = reviewStage({
      assemblyDir: args.assembly,
      deployedDir: args.deployed,
      stageName: args.stage,
      costInputs: costInputs(args.config),
    });
  } catch (error) {
    // The cost estimate's own failures (a region it has no prices for) start with "cost: ".
    const costFailure = error instanceof Error && error.message.startsWith('cost: ');
    if (error instanceof StageNotFoundError || error instanceof DeployedTemplateError || costFailure) {
      throw new ReviewError(error.message);
    }
    throw error;
  }
  const markdown = renderMarkdown(review);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, markdown);
  if (args.note) writeFileSync(args.note, approvalNote(review));
  return { review, markdown, summary: summaryLine(review) };
}

/** The cost report's inputs from the app's cdk.json; none (no cost line) when there is no such file. */
function costInputs(configFile: string): CostInputs | undefined {
  if (!existsSync(configFile)) return undefined;
  try {
    const cdkJson = JSON.parse(readFileSync(configFile, 'utf8')) as { context?: Record<string, unknown> };
    return costInputsFromConfig(parseConfig(cdkJson.context?.[CONTEXT_KEY]));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SyntaxError) {
      throw new ReviewError(`--config ${configFile}: ${error.message}`);
    }
    throw error;
  }
}
