/**
 * What the acknowledgement files use: `accept` (acknowledge findings on one construct) and `acceptWildcards`,
 * and the finders that name that construct (`at`, `allOf`, `resourcesOfType`, `resourceOf`).
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { acknowledge } from '../acknowledge.js';
import type { PackName } from '../pack-names.js';

/** The narrowest construct for a finding: an L2's own CloudFormation resource where it has one. */
export function resourceOf(construct: IConstruct): IConstruct {
  const child = construct.node.defaultChild;
  return child && CfnResource.isCfnResource(child) ? child : construct;
}

/** The construct at `path` below `scope`; a missing one is an error, so a stale acknowledgement cannot linger. */
export function at(scope: IConstruct, path: string): IConstruct {
  let current = scope;
  for (const id of path.split('/')) {
    const next = current.node.tryFindChild(id);
    if (!next)
      throw new Error(`compliance: no construct ${scope.node.path}/${path} to acknowledge a finding on`);
    current = next;
  }
  return current;
}

/** Every construct of a type below `scope` (for findings that apply to each instance alike). */
export function allOf<T extends IConstruct>(
  scope: IConstruct,
  type: abstract new (...args: never[]) => T,
): T[] {
  return scope.node.findAll().filter((c): c is T => c instanceof type);
}

/** Every CloudFormation resource of a type (`AWS::Lambda::Function`) below `scope`. */
export function resourcesOfType(scope: IConstruct, cfnType: string): CfnResource[] {
  return scope.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === cfnType);
}

/** Acknowledges several findings of the same reasoning on one construct (its own resource where it has one). */
export function accept(
  construct: IConstruct,
  findings: readonly [pack: PackName, rule: string][],
  reason: string,
): void {
  for (const [pack, rule] of findings) acknowledge(resourceOf(construct), { pack, rule, reason });
}

/**
 * The `AwsSolutions-IAM5[...]` findings a policy has, computed the way cdk-nag does (wildcard actions
 * and resources of its Allow statements, intrinsic references flattened to `<LogicalId.Attr>`).
 * Lets a shared acknowledgement name only the findings a given policy really has.
 */
export function wildcardFindings(policy: IConstruct): string[] {
  const resource = resourceOf(policy);
  if (!CfnResource.isCfnResource(resource) || resource.cfnResourceType !== 'AWS::IAM::Policy') return [];
  const document = Stack.of(resource).resolve((resource as iam.CfnPolicy).policyDocument) as {
    Statement?: { Effect?: string; Action?: unknown; Resource?: unknown }[];
  };
  const findings = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of list(statement.Action))
      if (String(action).includes('*')) findings.add(`Action::${String(action)}`);
    for (const target of list(statement.Resource).map(flatten))
      if (target.includes('*')) findings.add(`Resource::${target}`);
  }
  return [...findings].map((finding) => `AwsSolutions-IAM5[${finding}]`);
}

/** Acknowledges those of the candidate IAM5 findings this policy really has (none is made up for it). */
export function acceptWildcards(policy: IConstruct, candidates: readonly string[], reason: string): void {
  const present = new Set(wildcardFindings(policy));
  const findings = candidates
    .filter((rule) => present.has(rule))
    .map((rule) => ['AwsSolutions', rule] as [PackName, string]);
  if (findings.length > 0) accept(policy, findings, reason);
}

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** cdk-nag's flattening of intrinsic functions (utils/flatten-cfn-reference). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const object = node as Record<string, unknown>;
  if (object['Fn::Join']) {
    const [delimiter, items] = object['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (object['Fn::Sub']) return flatten(object['Fn::Sub']);
  if (object['Fn::GetAtt']) {
    const [resource, attribute] = object['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (object['Fn::ImportValue']) return flatten(object['Fn::ImportValue']);
  if (object.Ref) return `<${flatten(object.Ref)}>`;
  return JSON.stringify(node);
}
