// CodePipeline notifications as CodeStar Notifications deliver them through SNS (detail type FULL),
// shaped after the "processed event" examples in the CodePipeline user guide.
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../services/notifier/format-message.js';
import { formatPipelineEvent, parsePipelineEvent } from '../../../services/notifier/pipeline-event.js';
import { approvalNeededEvent, EXECUTION } from './approval-event.js';

const COMMIT = 'd17ef562e6dc06e8322632a59524b44b5aa3dbf7';

function pipelineEvent(state: string, additionalAttributes: Record<string, unknown> = {}) {
  return JSON.stringify({
    account: '111111111111',
    detailType: 'CodePipeline Pipeline Execution State Change',
    region: 'ap-northeast-1',
    source: 'aws.codepipeline',
    time: '2026-11-28T10:00:00Z',
    notificationRuleArn: 'arn:aws:codestar-notifications:ap-northeast-1:111111111111:notificationrule/abc',
    detail: { pipeline: 'goal-mandala-delivery', 'execution-id': EXECUTION, state, version: 3.0 },
    resources: ['arn:aws:codepipeline:ap-northeast-1:111111111111:goal-mandala-delivery'],
    additionalAttributes,
  });
}

const sourceActions = {
  sourceActions: [
    {
      sourceActionName: 'Checkout',
      sourceActionProvider: 'CodeStarSourceConnection',
      sourceActionVariables: {
        BranchName: 'main',
        CommitId: COMMIT,
        CommitMessage: 'Add reflections\n\nbody',
      },
    },
  ],
};

const consoleLink =
  `<https://ap-northeast-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/goal-mandala-delivery` +
  `/executions/${EXECUTION}/timeline?region=ap-northeast-1|goal-mandala-delivery>`;

describe('formatPipelineEvent', () => {
  it('announces a started run with its commit and a console link', () => {
    expect(formatPipelineEvent(pipelineEvent('STARTED', sourceActions))).toBe(
      `:arrow_forward: ${consoleLink} started deploying commit d17ef56 "Add reflections"`,
    );
  });

  it('announces success', () => {
    expect(formatPipelineEvent(pipelineEvent('SUCCEEDED', sourceActions))).toBe(
      `:white_check_mark: ${consoleLink} deployed commit d17ef56 "Add reflections" to production`,
    );
  });

  it('announces a failure with the failed stage and action', () => {
    const text = formatPipelineEvent(
      pipelineEvent('FAILED', {
        failedActionCount: 1,
        failedActions: [
          { action: 'HealthCheck', additionalInformation: 'Build terminated with state: FAILED' },
        ],
        failedStage: 'Staging',
      }),
    );
    expect(text).toBe(
      `:x: ${consoleLink} FAILED deploying execution ${EXECUTION}: Staging/HealthCheck failed (Build terminated with state: FAILED)`,
    );
  });

  it('takes the commit from the execution trigger when there are no source variables', () => {
    const event = JSON.parse(pipelineEvent('STARTED'));
    event.detail['execution-trigger'] = { 'commit-id': COMMIT, 'commit-message': 'Fix login' };
    expect(formatPipelineEvent(JSON.stringify(event))).toContain('commit d17ef56 "Fix login"');
  });

  it('says a manual approval is waiting', () => {
    const approval = approvalNeededEvent({
      ...sourceActions,
      customData: 'Promote this commit to production?',
    });
    expect(formatPipelineEvent(approval)).toBe(
      `:raising_hand: ${consoleLink}: commit d17ef56 "Add reflections" is waiting for approval before Production ` +
        '(PromoteToProduction) — Promote this commit to production?',
    );
  });

  it('stays quiet about other pipeline states and other action events', () => {
    expect(formatPipelineEvent(pipelineEvent('SUPERSEDED'))).toBeNull();
    const deployAction = JSON.parse(pipelineEvent('STARTED'));
    deployAction.detailType = 'CodePipeline Action Execution State Change';
    deployAction.detail.type = { category: 'Deploy' };
    expect(formatPipelineEvent(JSON.stringify(deployAction))).toBeNull();
  });

  it('ignores messages that are not CodePipeline notifications', () => {
    expect(parsePipelineEvent('not json')).toBeNull();
    expect(parsePipelineEvent(JSON.stringify({ AlarmName: 'x' }))).toBeNull();
    expect(formatPipelineEvent(JSON.stringify({ source: 'aws.codebuild', detail: {} }))).toBeNull();
  });

  it('is what the notifier posts for pipeline events', () => {
    expect(formatMessage(undefined, pipelineEvent('STARTED', sourceActions))).toContain('started deploying');
    expect(formatMessage(undefined, pipelineEvent('SUPERSEDED'))).toBeNull();
  });
});
