import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { acknowledge, type PackName } from '../acknowledge.js';

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
