import type { CfnResource } from 'aws-cdk-lib';
import { CfnGatewayResponse, CfnMethod } from 'aws-cdk-lib/aws-apigateway';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { renderedProperties } from './resolve.js';

const allowOrigin = /\.header\.Access-Control-Allow-Origin$/i;

/** `'*'` as API Gateway writes a static header value (single-quoted), or a bare `*`. */
function isAnyOrigin(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value
      .trim()
      .replace(/^'(.*)'$/, '$1')
      .trim() === '*'
  );
}

function anyOriginHeaders(parameters: unknown): boolean {
  return Object.entries((parameters ?? {}) as Record<string, unknown>).some(
    ([name, value]) => allowOrigin.test(name) && isAnyOrigin(value),
  );
}

/**
 * API Gateway CORS does not allow any origin: no `Access-Control-Allow-Origin: '*'` in a method's
 * integration responses (what `defaultCorsPreflightOptions: { allowOrigins: ALL_ORIGINS }` renders),
 * in a gateway response, or in an HTTP API's CORS configuration. The site and its API share one
 * CloudFront origin, so only that origin may be allowed.
 * @param node the CfnResource to check
 */
export function ApiCorsAnyOrigin(node: CfnResource): NagRuleResult {
  if (node instanceof CfnMethod) {
    const integration = renderedProperties(node).Integration as
      { IntegrationResponses?: unknown[] } | undefined;
    const responses = (integration?.IntegrationResponses ?? []) as { ResponseParameters?: unknown }[];
    return responses.some((response) => anyOriginHeaders(response.ResponseParameters))
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  }
  if (node instanceof CfnGatewayResponse) {
    return anyOriginHeaders(renderedProperties(node).ResponseParameters)
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  }
  if (node instanceof CfnApi) {
    const cors = renderedProperties(node).CorsConfiguration as { AllowOrigins?: unknown[] } | undefined;
    return (cors?.AllowOrigins ?? []).some(isAnyOrigin)
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
