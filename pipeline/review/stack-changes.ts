/**
 * What deploying a stack's new template over the deployed one changes, computed by the library
 * `cdk diff` itself uses (@aws-cdk/cloudformation-diff): resource changes, with replacement known from
 * the CloudFormation resource specification (a property whose update requires replacement), and the
 * IAM and security-group changes with broadening called out.
 */
import { stripVTControlCharacters } from 'node:util';
import {
  type ResourceDifference,
  ResourceImpact,
  fullDiff,
  mangleLikeCloudFormation,
} from '@aws-cdk/cloudformation-diff';

export type ChangeKind = 'added' | 'modified' | 'replaced' | 'removed';

export interface ResourceChange {
  readonly logicalId: string;
  readonly resourceType: string;
  /** The construct path (`aws:cdk:path` metadata), when the template has it. */
  readonly constructPath?: string;
  readonly kind: ChangeKind;
  /** Replacement depends on the new value (the specification says "conditionally"). */
  readonly mayBeReplaced: boolean;
  /** Properties whose change forces (or may force) the replacement. */
  readonly replacingProperties: readonly string[];
  /** Every changed property and resource attribute (DeletionPolicy, DependsOn, Metadata...). */
  readonly changedProperties: readonly string[];
  /** The deployed resource's DeletionPolicy (what CloudFormation applies when it is removed). */
  readonly deletionPolicy?: string;
  /** The deployed resource's UpdateReplacePolicy (what happens to the old one on replacement). */
  readonly updateReplacePolicy?: string;
  /** The deployed resource's properties (the new ones for an added resource). */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A table as rows of cells, the first row being the header (plain text, no terminal colours). */
export type Table = readonly (readonly string[])[];

export interface StackChanges {
  readonly stackName: string;
  /** No template is deployed: the stack will be created. */
  readonly isNewStack: boolean;
  readonly resources: readonly ResourceChange[];
  /** IAM statement changes (`+`/`-` rows), empty when none. */
  readonly iamStatements: Table;
  /** Managed policy attachment changes, empty when none. */
  readonly managedPolicies: Table;
  /** Security group rule changes, empty when none. */
  readonly securityGroupRules: Table;
  /** Permissions are added (IAM statements or managed policies, or security group rules opened). */
  readonly permissionsBroadened: boolean;
}

const kindOfImpact: Partial<Record<ResourceImpact, ChangeKind>> = {
  [ResourceImpact.WILL_CREATE]: 'added',
  [ResourceImpact.WILL_IMPORT]: 'added',
  [ResourceImpact.WILL_UPDATE]: 'modified',
  [ResourceImpact.NO_CHANGE]: 'modified',
  [ResourceImpact.WILL_REPLACE]: 'replaced',
  [ResourceImpact.MAY_REPLACE]: 'replaced',
  [ResourceImpact.WILL_DESTROY]: 'removed',
  [ResourceImpact.WILL_ORPHAN]: 'removed',
};

/** The changes of one stack; `deployed` undefined means the stack is not deployed yet. */
export function stackChanges(
  stackName: string,
  deployed: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): StackChanges {
  // GetTemplate turns every character above U+007F into "?": compare like with like, as `cdk diff` does.
  const comparable = JSON.parse(mangleLikeCloudFormation(JSON.stringify(next))) as Record<string, unknown>;
  const diff = fullDiff(deployed ?? {}, comparable);
  const resources: ResourceChange[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    if (change.isDifferent) resources.push(resourceChange(logicalId, change));
  });
  return {
    stackName,
    isNewStack: deployed === undefined,
    resources,
    iamStatements: changesTable(diff.iamChanges.hasChanges ? diff.iamChanges.summarizeStatements() : []),
    managedPolicies: changesTable(
      diff.iamChanges.hasChanges ? diff.iamChanges.summarizeManagedPolicies() : [],
    ),
    securityGroupRules: changesTable(
      diff.securityGroupChanges.hasChanges ? diff.securityGroupChanges.summarize() : [],
    ),
    permissionsBroadened: diff.permissionsBroadened,
  };
}

function resourceChange(logicalId: string, change: ResourceDifference): ResourceChange {
  const impact = change.changeImpact;
  const replacing = Object.entries(change.propertyUpdates)
    .filter(([, property]) =>
      [ResourceImpact.WILL_REPLACE, ResourceImpact.MAY_REPLACE].includes(property.changeImpact!),
    )
    .map(([name]) => name);
  const resource = change.newValue ?? change.oldValue;
  const path = (resource?.Metadata as Record<string, unknown> | undefined)?.['aws:cdk:path'];
  return {
    logicalId,
    resourceType: change.resourceTypeChanged
      ? `${change.oldResourceType} → ${change.newResourceType}`
      : (change.newResourceType ?? change.oldResourceType ?? 'unknown'),
    constructPath: typeof path === 'string' ? path : undefined,
    kind: kindOfImpact[impact] ?? 'modified',
    mayBeReplaced: impact === ResourceImpact.MAY_REPLACE,
    replacingProperties: change.resourceTypeChanged ? ['Type'] : replacing,
    changedProperties: [...Object.keys(change.propertyUpdates), ...Object.keys(change.otherChanges)],
    deletionPolicy: policyOf(change.oldValue?.DeletionPolicy),
    updateReplacePolicy: policyOf(change.oldValue?.UpdateReplacePolicy),
    properties: (change.oldValue ?? change.newValue)?.Properties ?? {},
  };
}

function policyOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The library's summary tables are coloured for a terminal; the review is a file. */
function changesTable(rows: string[][]): Table {
  return rows.length <= 1 ? [] : rows.map((row) => row.map((cell) => stripVTControlCharacters(cell)));
}
