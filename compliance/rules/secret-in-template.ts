import type { CfnResource } from 'aws-cdk-lib';
import { CfnProject } from 'aws-cdk-lib/aws-codebuild';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { flattenedText, renderedProperties, stringLeaves } from './resolve.js';

/** Literal secrets: never acceptable anywhere in a template. */
const literalSecrets: readonly [name: string, pattern: RegExp][] = [
  ['SlackWebhook', /https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9/_-]+/],
  ['PrivateKey', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/],
  ['AwsAccessKey', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
];

/** A dynamic reference CloudFormation resolves into the resource's configuration in plain text. */
const resolvedSecretReference = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * No secret in a template: no literal Slack webhook URL, private key or access key in any property,
 * and no resolved secret reference (`{{resolve:secretsmanager:…}}`) in a Lambda environment (or a
 * plaintext CodeBuild variable), where it would land in the configuration for anyone with
 * `lambda:GetFunctionConfiguration` (`codebuild:BatchGetProjects`) to read.
 * Functions get secrets by ARN and read them at run time.
 * Findings name the property path, e.g. `GoalMandala-SecretInTemplate[Environment.Variables.SLACK_URL]`.
 * @param node the CfnResource to check
 */
export function SecretInTemplate(node: CfnResource): NagRuleResult {
  const properties = renderedProperties(node);
  const findings = new Set<string>();
  for (const [path, text] of stringLeaves(properties)) {
    if (literalSecrets.some(([, pattern]) => pattern.test(text))) findings.add(topLevelPath(path));
  }
  if (node instanceof CfnFunction) {
    const variables =
      (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    for (const [name, value] of Object.entries(variables)) {
      const text = flattenedText(value);
      if (resolvedSecretReference.test(text) || literalSecrets.some(([, pattern]) => pattern.test(text))) {
        findings.add(`Environment.Variables.${name}`);
      }
    }
  }
  if (node instanceof CfnProject) {
    // CodeBuild resolves SECRETS_MANAGER / PARAMETER_STORE variables at build time; a plaintext one
    // carrying a resolved reference shows the secret in the project's configuration.
    const environment = properties.Environment as {
      EnvironmentVariables?: { Name: string; Type?: string; Value: unknown }[];
    };
    for (const variable of environment?.EnvironmentVariables ?? []) {
      const plaintext = (variable.Type ?? 'PLAINTEXT') === 'PLAINTEXT';
      if (plaintext && resolvedSecretReference.test(flattenedText(variable.Value))) {
        findings.add(`Environment.EnvironmentVariables.${variable.Name}`);
      }
    }
  }
  if (findings.size > 0) return [...findings].sort();
  return NagRuleCompliance.COMPLIANT;
}

/** Finding ids stay stable when a value moves inside an `Fn::Join`: cut the path at the first intrinsic. */
function topLevelPath(path: string): string {
  const cut = path.search(/\.Fn::|\.Ref\b|\[\d+\]/);
  return cut === -1 ? path : path.slice(0, cut);
}
