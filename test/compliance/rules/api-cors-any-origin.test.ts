import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { NagRuleCompliance } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ApiCorsAnyOrigin } from '../../../compliance/rules/api-cors-any-origin.js';
import { synthesized, testStack } from './helpers.js';

function api(allowOrigins: string[]) {
  const stack = testStack();
  const restApi = new apigateway.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins } });
  restApi.root.addMethod('GET', new apigateway.MockIntegration());
  const preflight = restApi.root.node.findChild('OPTIONS').node.defaultChild as apigateway.CfnMethod;
  return { stack, restApi, preflight };
}

describe('GoalMandala-ApiCorsAnyOrigin', () => {
  it("accepts CORS for the site's own origin", () => {
    const { preflight, restApi } = api(['https://d111111abcdef8.cloudfront.net']);
    const gatewayResponse = restApi.addGatewayResponse('Default4xx', {
      type: apigateway.ResponseType.DEFAULT_4XX,
      responseHeaders: { 'Access-Control-Allow-Origin': "'https://d111111abcdef8.cloudfront.net'" },
    });

    expect(ApiCorsAnyOrigin(synthesized(preflight))).toBe(NagRuleCompliance.COMPLIANT);
    expect(
      ApiCorsAnyOrigin(synthesized(gatewayResponse.node.defaultChild as apigateway.CfnGatewayResponse)),
    ).toBe(NagRuleCompliance.COMPLIANT);
  });

  it("flags ALL_ORIGINS preflight responses and a gateway response answering '*'", () => {
    const { preflight, restApi } = api(apigateway.Cors.ALL_ORIGINS);
    const gatewayResponse = restApi.addGatewayResponse('Default4xx', {
      type: apigateway.ResponseType.DEFAULT_4XX,
      responseHeaders: { 'Access-Control-Allow-Origin': "'*'" },
    });

    expect(ApiCorsAnyOrigin(synthesized(preflight))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(
      ApiCorsAnyOrigin(synthesized(gatewayResponse.node.defaultChild as apigateway.CfnGatewayResponse)),
    ).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
