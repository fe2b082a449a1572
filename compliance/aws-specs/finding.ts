/** One thing the AWS specifications say about the written cloud assembly. */
export interface Finding {
  /** An error fails the gate; a warning fails it too unless acknowledged (acknowledgements.ts). */
  readonly severity: 'error' | 'warning';
  /** Which checker found it. */
  readonly check: Check;
  /** The template, as a path inside the assembly directory (`assembly-X-Staging/…template.json`). */
  readonly template: string;
  /** The resource (or output) it is about, when there is one. */
  readonly logicalId?: string;
  /** Where in the resource: property path or statement path (`Properties.PolicyDocument.Statement[2].Action`). */
  readonly path?: string;
  /** What is wrong and what AWS expects, in one line. */
  readonly message: string;
}

export type Check =
  | 'resource-schema'
  | 'reference'
  | 'iam'
  | 'access-path'
  | 'state-machine'
  | 'buildspec'
  | 'cloudfront-function';

/** `template › logicalId › path: message`, the line people read. */
export function formatFinding(finding: Finding): string {
  const where = [finding.template, finding.logicalId, finding.path].filter(Boolean).join(' › ');
  return `${finding.severity} [${finding.check}] ${where}: ${finding.message}`;
}
