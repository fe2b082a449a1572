/**
 * Data-loss risks: a stateful resource (database, bucket, KMS key, secret, table, log group) that a
 * deployment replaces (the new one starts empty) or removes without a Retain policy (CloudFormation
 * deletes it). These come first in the review: each one asks the approver for a decision.
 */
import type { ResourceChange, StackChanges } from './stack-changes.js';

/** Resource types whose physical resource holds data that is not in the template. */
export const STATEFUL_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'AWS::RDS::DBCluster': 'database cluster',
  'AWS::RDS::DBInstance': 'database instance',
  'AWS::S3::Bucket': 'bucket',
  'AWS::KMS::Key': 'KMS key',
  'AWS::SecretsManager::Secret': 'secret',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::Logs::LogGroup': 'log group',
};

/** Deletion policies under which CloudFormation keeps the physical resource when it leaves the stack. */
const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate']);

export interface DataLossRisk {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly constructPath?: string;
  readonly kind: 'replaced' | 'removed';
  /** Why, in one sentence: which change forces it and what happens to the data. */
  readonly detail: string;
}

/** The data-loss risks among one stack's changes. */
export function dataLossRisks(stack: StackChanges): DataLossRisk[] {
  return stack.resources.flatMap((change) => {
    const what = STATEFUL_RESOURCE_TYPES[change.resourceType];
    if (what === undefined || isClusterMember(change)) return [];
    const detail =
      change.kind === 'replaced'
        ? replacementDetail(change, what)
        : change.kind === 'removed' && !RETAINING_POLICIES.has(change.deletionPolicy ?? '')
          ? removalDetail(change, what)
          : undefined;
    if (detail === undefined) return [];
    return [
      {
        stackName: stack.stackName,
        logicalId: change.logicalId,
        resourceType: change.resourceType,
        constructPath: change.constructPath,
        kind: change.kind as DataLossRisk['kind'],
        detail,
      },
    ];
  });
}

function replacementDetail(change: ResourceChange, what: string): string {
  const cause = change.replacingProperties.length
    ? `changing ${change.replacingProperties.join(', ')} ${change.mayBeReplaced ? 'may replace' : 'replaces'} the ${what}`
    : `the ${what} ${change.mayBeReplaced ? 'may be' : 'is'} replaced`;
  const old = RETAINING_POLICIES.has(change.updateReplacePolicy ?? '')
    ? `the old one is kept out of the stack (UpdateReplacePolicy ${change.updateReplacePolicy})`
    : 'the old one is deleted';
  return `${cause}: the new ${what} starts without the old one's data, and ${old}`;
}

function removalDetail(change: ResourceChange, what: string): string {
  // Unset, CloudFormation snapshots RDS databases and deletes everything else.
  const policy =
    change.deletionPolicy ?? (change.resourceType.startsWith('AWS::RDS::') ? 'Snapshot' : 'Delete');
  const outcome =
    policy === 'Snapshot'
      ? 'CloudFormation deletes it after a final snapshot'
      : 'CloudFormation deletes it with its data';
  return `the ${what} leaves the stack with DeletionPolicy ${policy}${change.deletionPolicy ? '' : ' (the default)'}: ${outcome}`;
}

/**
 * An Aurora cluster's instance holds no data of its own (the cluster's storage does): replacing it, as
 * CloudFormation does when its cluster is replaced, is not a second risk beside the cluster's.
 */
function isClusterMember(change: ResourceChange): boolean {
  return (
    change.resourceType === 'AWS::RDS::DBInstance' && change.properties.DBClusterIdentifier !== undefined
  );
}
