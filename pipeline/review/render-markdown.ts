/**
 * The review as markdown (`reports/change-review.md`, also printed to the build log the approval links):
 * the data-loss risks first, then per stack the resources added, modified, replaced and removed and
 * the IAM and security-group changes, ending with the summary line.
 */
import { formatChangeReviewNote } from '../../services/notifier/change-review-note.js';
import type { DataLossRisk } from './data-loss-risks.js';
import { type ChangeReview, summaryLine } from './review-stage.js';
import type { ChangeKind, ResourceChange, StackChanges, Table } from './stack-changes.js';

const KIND_ORDER: readonly ChangeKind[] = ['replaced', 'removed', 'added', 'modified'];

export function renderMarkdown(review: ChangeReview): string {
  const summary = summaryLine(review);
  const lines = [`# Change review: ${review.stageName}`, '', `\`${summary}\``, ''];
  if (review.cost) {
    const { beforeUsd, afterUsd } = review.cost;
    lines.push(
      `Monthly cost: $${beforeUsd.toFixed(2)} → $${afterUsd.toFixed(2)} (${signed(afterUsd - beforeUsd)})`,
      '',
    );
  }
  lines.push('## Data-loss risks', '');
  if (review.risks.length === 0)
    lines.push('None: no stateful resource is replaced or removed without Retain.', '');
  else {
    lines.push(
      'Each of these needs a decision before approving: is the data backed up, migrated, or no longer needed?',
      '',
      ...review.risks.map((risk) => `- **${risk.stackName}** ${resourceName(risk)}: ${risk.detail}`),
      '',
    );
  }
  for (const stack of review.stacks) lines.push(...renderStack(stack));
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}

/** The approval's one-line note (summary and data-loss risks) the Slack message lists. */
export function approvalNote(review: ChangeReview): string {
  return formatChangeReviewNote({
    summary: summaryLine(review),
    risks: review.risks.map(
      (risk) => `${risk.stackName} ${risk.logicalId} (${risk.resourceType}) ${risk.kind}`,
    ),
  });
}

function renderStack(stack: StackChanges): string[] {
  const counts = KIND_ORDER.map(
    (kind) => [kind, stack.resources.filter((r) => r.kind === kind).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  const heading = `## ${stack.stackName}${stack.isNewStack ? ' (new stack)' : ''}`;
  if (stack.resources.length === 0 && !hasSecurityChanges(stack)) return [heading, '', 'No changes.', ''];
  const lines = [heading, '', counts.join(', ') || 'No resource changes.', ''];
  if (stack.resources.length > 0) {
    const sorted = [...stack.resources].sort(
      (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
    );
    lines.push(
      ...table([
        ['change', 'resource', 'type', 'what changes'],
        ...sorted.map((r) => [label(r), resourceName(r), r.resourceType, changeDetail(r)]),
      ]),
      '',
    );
  }
  if (stack.iamStatements.length > 0 || stack.managedPolicies.length > 0) {
    lines.push(`### IAM changes${stack.permissionsBroadened ? ' — permissions broadened' : ''}`, '');
    if (stack.iamStatements.length > 0) lines.push(...table(stack.iamStatements), '');
    if (stack.managedPolicies.length > 0) lines.push(...table(stack.managedPolicies), '');
  }
  if (stack.securityGroupRules.length > 0) {
    lines.push('### Security group changes', '', ...table(stack.securityGroupRules), '');
  }
  if (stack.permissionsBroadened) {
    lines.push(
      '**Permissions broadened**: this deployment grants access that is not granted today (`+` rows above).',
      '',
    );
  }
  return lines;
}

function hasSecurityChanges(stack: StackChanges): boolean {
  return stack.iamStatements.length + stack.managedPolicies.length + stack.securityGroupRules.length > 0;
}

function label(change: ResourceChange): string {
  if (change.kind === 'replaced') return change.mayBeReplaced ? '**may be replaced**' : '**replaced**';
  if (change.kind === 'removed' && ['Retain', 'RetainExceptOnCreate'].includes(change.deletionPolicy ?? '')) {
    return 'removed (retained)';
  }
  return change.kind;
}

function changeDetail(change: ResourceChange): string {
  if (change.kind === 'replaced' && change.replacingProperties.length > 0) {
    const others = change.changedProperties.filter((p) => !change.replacingProperties.includes(p));
    return [`${change.replacingProperties.join(', ')} (forces replacement)`, ...others].join(', ');
  }
  if (change.kind === 'removed') return `DeletionPolicy ${change.deletionPolicy ?? 'unset'}`;
  return change.kind === 'modified' ? change.changedProperties.join(', ') : '';
}

function resourceName(resource: Pick<DataLossRisk, 'logicalId' | 'constructPath'>): string {
  return resource.constructPath
    ? `\`${resource.logicalId}\` (${resource.constructPath})`
    : `\`${resource.logicalId}\``;
}

function table(rows: Table): string[] {
  const [header, ...body] = rows;
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(header!), `|${header!.map(() => '---').join('|')}|`, ...body.map(row)];
}

/** A table cell: pipes escaped, the library's multi-line cells kept on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function signed(usd: number): string {
  return `${usd >= 0 ? '+' : '-'}$${Math.abs(usd).toFixed(2)}`;
}
