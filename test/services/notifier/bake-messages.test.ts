// What Slack hears about production's bake (pipeline/stage-bake.ts): that it passed, that CodePipeline
// is rolling back by itself, and why (the bake alarm that fired).
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../services/notifier/format-message.js';

const EXECUTION = '12345678-1234-5678-abcd-12345678abcd';
const COMMIT = 'd17ef562e6dc06e8322632a59524b44b5aa3dbf7';
const bake = { stageName: 'Production', minutes: 30 };

function codePipelineEvent(detailType: string, detail: Record<string, unknown>) {
  return JSON.stringify({
    account: '111111111111',
    detailType,
    region: 'ap-northeast-1',
    source: 'aws.codepipeline',
    detail: { pipeline: 'goal-mandala-delivery', 'execution-id': EXECUTION, ...detail },
    additionalAttributes: {
      sourceActions: [{ sourceActionVariables: { CommitId: COMMIT, CommitMessage: 'Add reflections' } }],
    },
  });
}

const stageSucceeded = (stage: string) =>
  codePipelineEvent('CodePipeline Stage Execution State Change', { stage, state: 'SUCCEEDED' });

describe('bake messages', () => {
  it('says the baked stage passed its bake when that stage succeeds', () => {
    const text = formatMessage(undefined, stageSucceeded('Production'), bake);
    expect(text).toMatch(
      /^:white_check_mark: <https:\/\/ap-northeast-1\.console\.aws\.amazon\.com\/.*\|goal-mandala-delivery>/,
    );
    expect(text).toContain(
      'Production passed its 30-minute bake with no alarm: commit d17ef56 "Add reflections" is released',
    );
  });

  it('stays quiet about other stages succeeding, and about stages when nothing bakes', () => {
    expect(formatMessage(undefined, stageSucceeded('Staging'), bake)).toBeNull();
    expect(formatMessage(undefined, stageSucceeded('Production'))).toBeNull();
    const failed = codePipelineEvent('CodePipeline Stage Execution State Change', {
      stage: 'Production',
      state: 'FAILED',
    });
    expect(formatMessage(undefined, failed, bake)).toBeNull();
  });

  it('says CodePipeline is rolling back by itself when an automated rollback run starts', () => {
    const rollback = codePipelineEvent('CodePipeline Pipeline Execution State Change', {
      state: 'STARTED',
      'execution-trigger': { 'trigger-type': 'AutomatedRollback' },
    });
    expect(formatMessage(undefined, rollback, bake)).toMatch(
      /^:rewind: .* is ROLLING BACK to commit d17ef56 "Add reflections" by itself: the last release failed its bake/,
    );
    const ordinary = codePipelineEvent('CodePipeline Pipeline Execution State Change', {
      state: 'STARTED',
      'execution-trigger': { 'trigger-type': 'WebhookV2' },
    });
    expect(formatMessage(undefined, ordinary, bake)).toContain('started deploying');
  });

  it('says why: the bake alarm that fired, marked as the reason for the rollback', () => {
    const alarm = (name: string, state: 'ALARM' | 'OK') =>
      JSON.stringify({
        AlarmName: name,
        AlarmDescription:
          'Production bake: an API function answered a server error (ServerFault of any function).',
        NewStateValue: state,
        OldStateValue: state === 'ALARM' ? 'OK' : 'ALARM',
        NewStateReason:
          'Threshold Crossed: 1 datapoint [3.0] was greater than or equal to the threshold (1.0).',
        AlarmArn: `arn:aws:cloudwatch:ap-northeast-1:111111111111:alarm:${name}`,
      });
    const fired = formatMessage(undefined, alarm('goal-mandala-production-bake-api-faults', 'ALARM'))!;
    expect(fired.split('\n')[0]).toBe(
      ':rewind: *Bake failed*: CodePipeline rolls the stage back to its last successful revision.',
    );
    expect(fired).toContain('goal-mandala-production-bake-api-faults');
    expect(fired).toContain('an API function answered a server error');
    expect(fired).toContain('> Threshold Crossed: 1 datapoint [3.0]');
    expect(formatMessage(undefined, alarm('goal-mandala-production-bake-api-faults', 'OK'))).not.toContain(
      'Bake failed',
    );
    expect(formatMessage(undefined, alarm('goal-mandala-production-api-5xx', 'ALARM'))).not.toContain(
      'Bake failed',
    );
  });
});
