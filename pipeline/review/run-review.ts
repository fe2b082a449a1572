/**
 * `npm run review`: reviews the stage's stacks in the assembly against the deployed templates and
 * writes the markdown (and, for the pipeline, the approval's one-line note).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
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
    review = reviewStage({ assemblyDir: args.assembly, deployedDir: args.deployed, stageName: args.stage });
  } catch (error) {
    if (error instanceof StageNotFoundError || error instanceof DeployedTemplateError) {
      throw new ReviewError(error.message);
    }
    throw error;
  }
  const markdown = renderMarkdown(review);
  writeFileSync(args.out, markdown);
  if (args.note) writeFileSync(args.note, approvalNote(review));
  return { review, markdown, summary: summaryLine(review) };
}
