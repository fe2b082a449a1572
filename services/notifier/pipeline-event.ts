/**
 * Turns a CodePipeline notification (CodeStar Notifications → SNS, detail type FULL) into one Slack
 * line: run started / succeeded / failed, and "waiting for approval". Anything else gives null, so
 * the notifier can try its other formatters (alarms, budgets).
 */
import * as z from 'zod';
import { parseChangeReviewNote } from './change-review-note.js';
import { parseJsonMessage } from './parse-json-message.js';

const sourceAction = z.looseObject({
  sourceActionVariables: z
    .looseObject({ CommitId: z.string().optional(), CommitMessage: z.string().optional() })
    .optional(),
});

const pipelineEvent = z.looseObject({
  source: z.literal('aws.codepipeline'),
  detailType: z.string(),
  region: z.string(),
  detail: z.looseObject({
    pipeline: z.string(),
    'execution-id': z.string(),
    state: z.string(),
    stage: z.string().optional(),
    action: z.string().optional(),
    type: z.looseObject({ category: z.string().optional() }).optional(),
    'execution-trigger': z
      .looseObject({
        'commit-id': z.string().optional(),
        'commit-message': z.string().optional(),
        /** `AutomatedRollback` when a stage condition or failure rolled the stage back by itself. */
        'trigger-type': z.string().optional(),
      })
      .optional(),
  }),
  additionalAttributes: z
    .looseObject({
      sourceActions: z.array(sourceAction).optional(),
      failedActions: z
        .array(z.looseObject({ action: z.string().optional(), additionalInformation: z.string().optional() }))
        .optional(),
      failedStage: z.string().optional(),
      externalEntityLink: z.string().optional(),
      customData: z.string().optional(),
    })
    .optional(),
});

export type PipelineEvent = z.infer<typeof pipelineEvent>;

/** Parses an SNS message body; null when it is not a CodePipeline notification. */
export function parsePipelineEvent(message: string): PipelineEvent | null {
  return parseJsonMessage(pipelineEvent, message);
}

/** The stage that bakes under alarms after its actions (see pipeline/stage-bake.ts). */
export interface BakeSettings {
  /** Pipeline stage name (`Production`). */
  readonly stageName: string;
  readonly minutes: number;
}

/** One Slack line for a CodePipeline notification, or null when it is not one we announce. */
export function formatPipelineEvent(message: string, bake?: BakeSettings): string | null {
  const event = parsePipelineEvent(message);
  if (!event) return null;
  const { detail } = event;
  const link = `<${executionUrl(event)}|${detail.pipeline}>`;
  const commit = describeCommit(event);

  if (detail.type?.category === 'Approval') {
    if (detail.state !== 'STARTED') return null;
    const { comment, note } = parseChangeReviewNote(event.additionalAttributes?.customData ?? '');
    const waiting = `:raising_hand: ${link}: ${commit} is waiting for approval before ${detail.stage ?? 'the next stage'} (${detail.action ?? 'approval'})${comment ? ` — ${comment}` : ''}`;
    if (!note) return waiting;
    // The change review before the approval: its summary, a link to it, and each data-loss risk.
    const reviewLink = event.additionalAttributes?.externalEntityLink;
    const review = reviewLink?.startsWith('https://') ? `<${reviewLink}|Change review>` : 'Change review';
    return [
      waiting,
      `:mag: ${review}: ${note.summary}`,
      ...note.risks.map((risk) => `:warning: data-loss risk: ${risk}`),
    ].join('\n');
  }
  if (event.detailType === 'CodePipeline Stage Execution State Change') {
    // The stage succeeds only once its On Success condition (the bake) passed.
    if (!bake || detail.stage !== bake.stageName || detail.state !== 'SUCCEEDED') return null;
    return `:white_check_mark: ${link}: ${bake.stageName} passed its ${bake.minutes}-minute bake with no alarm: ${commit} is released`;
  }
  if (event.detailType !== 'CodePipeline Pipeline Execution State Change') return null;
  switch (detail.state) {
    case 'STARTED':
      if (detail['execution-trigger']?.['trigger-type'] === 'AutomatedRollback') {
        return `:rewind: ${link} is ROLLING BACK to ${commit} by itself: the last release failed its bake or a post-deploy step (the alarm or step is in the messages before this one)`;
      }
      return `:arrow_forward: ${link} started deploying ${commit}`;
    case 'SUCCEEDED':
      return `:white_check_mark: ${link} deployed ${commit} to production`;
    case 'FAILED': {
      const failed = event.additionalAttributes?.failedActions?.[0];
      const stage = event.additionalAttributes?.failedStage;
      const where = failed?.action && stage ? `${stage}/${failed.action}` : failed?.action;
      const why = failed
        ? `: ${where ?? 'an action'} failed${failed.additionalInformation ? ` (${failed.additionalInformation})` : ''}`
        : '';
      return `:x: ${link} FAILED deploying ${commit}${why}`;
    }
    default:
      return null;
  }
}

/** The commit from the source action's variables or, failing that, the execution trigger. */
function describeCommit(event: PipelineEvent): string {
  const variables = event.additionalAttributes?.sourceActions?.[0]?.sourceActionVariables;
  const trigger = event.detail['execution-trigger'];
  const commitId = variables?.CommitId ?? trigger?.['commit-id'];
  if (!commitId) return `execution ${event.detail['execution-id']}`;
  const subject = (variables?.CommitMessage ?? trigger?.['commit-message'])?.split('\n')[0];
  return `commit ${commitId.slice(0, 7)}${subject ? ` "${subject}"` : ''}`;
}

function executionUrl(event: PipelineEvent): string {
  const { region, detail } = event;
  return (
    `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(detail.pipeline)}` +
    `/executions/${detail['execution-id']}/timeline?region=${region}`
  );
}
