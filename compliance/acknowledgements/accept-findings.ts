/**
 * What the acknowledgement files use: `accept` (acknowledge findings on one construct) and `acceptWildcards`,
 * and the finders that name that construct (`at`, `allOf`, `resourcesOfType`, `resourceOf`).
 */
import { CfnResource } from 'aws-cdk-lib';
import { rules } from 'cdk-nag';
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
 * The `AwsSolutions-IAM5[...]` findings a policy has: cdk-nag's own rule (its public `rules` export) asked
 * directly. Lets a shared acknowledgement name only the findings a given policy really has.
 */
export function wildcardFindings(policy: IConstruct): string[] {
  const resource = resourceOf(policy);
  if (!CfnResource.isCfnResource(resource) || resource.cfnResourceType !== 'AWS::IAM::Policy') return [];
  const findings = rules.iam.IAMNoWildcardPermissions(resource);
  return Array.isArray(findings) ? findings.map((finding) => `AwsSolutions-IAM5[${finding}]`) : [];
}

/** Acknowledges those of the candidate IAM5 findings this policy really has (none is made up for it). */
export function acceptWildcards(policy: IConstruct, candidates: readonly string[], reason: string): void {
  const present = new Set(wildcardFindings(policy));
  const findings = candidates
    .filter((rule) => present.has(rule))
    .map((rule) => ['AwsSolutions', rule] as [PackName, string]);
  if (findings.length > 0) accept(policy, findings, reason);
}
