import type { CfnResource } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance, NagRules, type NagRuleResult } from 'cdk-nag';
import { parseUtcWindow, windowWithin } from './utc-window.js';

/**
 * RDS backups run inside the configured quiet window. RDS windows are UTC: the design's night-time
 * 03:00-04:00 in Tokyo is 18:00-19:00 UTC, and its `03:00-04:00` was noon, peak time. A cluster or
 * stand-alone instance without a window gets a random one from RDS, so it is non-compliant too;
 * instances inside a cluster follow the cluster's window.
 * @param quietWindowUtc the allowed window, `hh:mm-hh:mm` UTC (the app config's `backupWindowUtc`)
 * @returns the rule, in cdk-nag's shape
 */
export function RdsBackupWindow(quietWindowUtc: string): (node: CfnResource) => NagRuleResult {
  const quiet = parseUtcWindow(quietWindowUtc);
  const rule = (node: CfnResource): NagRuleResult => {
    let window: unknown;
    if (node instanceof CfnDBCluster) {
      window = NagRules.resolveIfPrimitive(node, node.preferredBackupWindow);
    } else if (node instanceof CfnDBInstance && node.dbClusterIdentifier === undefined) {
      window = NagRules.resolveIfPrimitive(node, node.preferredBackupWindow);
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    if (typeof window !== 'string') return NagRuleCompliance.NON_COMPLIANT;
    return windowWithin(parseUtcWindow(window), quiet)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  };
  return Object.defineProperty(rule, 'name', { value: 'RdsBackupWindow' });
}
