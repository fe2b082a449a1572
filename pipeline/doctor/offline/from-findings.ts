import { type ConfigFinding, findingKey } from '../../config-rules.js';
import { type CheckResult, failed, passed } from '../check-result.js';

/** A configuration rule's findings as doctor lines: one ✗ per finding, or the one ✓ when there is none. */
export function resultsOf(findings: readonly ConfigFinding[], whenNone: string): CheckResult[] {
  if (findings.length === 0) return [passed(whenNone)];
  return findings.map((finding) => failed(`${findingKey(finding)} ${finding.problem}`, finding.fix));
}
