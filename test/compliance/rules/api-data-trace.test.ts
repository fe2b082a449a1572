import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { NagRuleCompliance } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ApiDataTrace } from '../../../compliance/rules/api-data-trace.js';
import { synthesized, testStack } from './helpers.js';

function stage(dataTraceEnabled: boolean): apigateway.CfnStage {
  const restApi = new apigateway.RestApi(testStack(), 'Api', {
    deployOptions: { stageName: 'v1', loggingLevel: apigateway.MethodLoggingLevel.INFO, dataTraceEnabled },
  });
  restApi.root.addMethod('GET', new apigateway.MockIntegration());
  return restApi.deploymentStage.node.defaultChild as apigateway.CfnStage;
}

describe('GoalMandala-ApiDataTrace', () => {
  it('accepts INFO execution logging without data trace', () => {
    expect(ApiDataTrace(synthesized(stage(false)))).toBe(NagRuleCompliance.COMPLIANT);
  });

  it("flags a stage that logs full requests and responses (the design's dataTraceEnabled: true)", () => {
    expect(ApiDataTrace(synthesized(stage(true)))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('flags data trace switched on for one method only', () => {
    const cfnStage = stage(false);
    cfnStage.addPropertyOverride('MethodSettings.1', {
      HttpMethod: 'POST',
      ResourcePath: '/~1login',
      DataTraceEnabled: true,
    });
    expect(ApiDataTrace(synthesized(cfnStage))).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
