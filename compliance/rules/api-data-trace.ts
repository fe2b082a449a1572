import type { CfnResource } from 'aws-cdk-lib';
import { CfnDeployment, CfnStage } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage as CfnHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { renderedProperties } from './resolve.js';

type Settings = { DataTraceEnabled?: unknown } | undefined;

function traces(settings: Settings): boolean {
  // Anything but a literal false (true, "true", an unresolvable token) could log bodies.
  return settings?.DataTraceEnabled !== undefined && settings.DataTraceEnabled !== false;
}

/**
 * API Gateway data trace is off: full request/response logging writes passwords and access tokens
 * into CloudWatch Logs. Checks REST stages' method settings, a deployment's inline stage description,
 * and HTTP/WebSocket stages' route settings.
 * @param node the CfnResource to check
 */
export function ApiDataTrace(node: CfnResource): NagRuleResult {
  let settings: Settings[];
  if (node instanceof CfnStage) {
    settings = (renderedProperties(node).MethodSettings ?? []) as Settings[];
  } else if (node instanceof CfnDeployment) {
    const description = renderedProperties(node).StageDescription as
      (Settings & { MethodSettings?: Settings[] }) | undefined;
    settings = [description, ...(description?.MethodSettings ?? [])];
  } else if (node instanceof CfnHttpStage) {
    const properties = renderedProperties(node);
    settings = [
      properties.DefaultRouteSettings as Settings,
      ...Object.values((properties.RouteSettings ?? {}) as Record<string, Settings>),
    ];
  } else {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return settings.some(traces) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
