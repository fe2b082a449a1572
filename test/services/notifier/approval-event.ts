/** The production approval's "approval needed" event, as CodeStar Notifications deliver it through SNS. */
export const EXECUTION = '12345678-1234-5678-abcd-12345678abcd';

export function approvalNeededEvent(additionalAttributes: Record<string, unknown>): string {
  return JSON.stringify({
    account: '111111111111',
    detailType: 'CodePipeline Action Execution State Change',
    region: 'ap-northeast-1',
    source: 'aws.codepipeline',
    detail: {
      pipeline: 'goal-mandala-delivery',
      'execution-id': EXECUTION,
      stage: 'Production',
      action: 'PromoteToProduction',
      state: 'STARTED',
      type: { owner: 'AWS', category: 'Approval', provider: 'Manual', version: '1' },
    },
    additionalAttributes,
  });
}
