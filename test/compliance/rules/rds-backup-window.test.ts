import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { RdsBackupWindow } from '../../../compliance/rules/rds-backup-window.js';
import { parseUtcWindow, windowWithin } from '../../../compliance/rules/utc-window.js';
import { testStack } from './helpers.js';

function cluster(preferredBackupWindow?: string): rds.CfnDBCluster {
  return new rds.CfnDBCluster(testStack(), 'Db', {
    engine: 'aurora-postgresql',
    ...(preferredBackupWindow ? { preferredBackupWindow } : {}),
  });
}

// 03:00-04:00 in Tokyo (UTC+9), the configured quiet window.
const rule = RdsBackupWindow('18:00-19:00');

describe('GoalMandala-RdsBackupWindow', () => {
  it('accepts a cluster backed up inside the quiet window', () => {
    expect(rule(cluster('18:00-19:00'))).toBe(NagRuleCompliance.COMPLIANT);
    expect(rule(cluster('18:15-18:45'))).toBe(NagRuleCompliance.COMPLIANT);
  });

  it("flags the design's 03:00-04:00 (noon in Tokyo), a window running past the quiet one, and no window at all", () => {
    expect(rule(cluster('03:00-04:00'))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(rule(cluster('18:30-19:30'))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(rule(cluster())).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('leaves instances of a cluster to the cluster, and checks stand-alone instances', () => {
    const stack = testStack();
    const member = new rds.CfnDBInstance(stack, 'Member', {
      dbInstanceClass: 'db.serverless',
      dbClusterIdentifier: 'c',
    });
    const standalone = new rds.CfnDBInstance(stack, 'Standalone', {
      dbInstanceClass: 'db.t4g.micro',
      preferredBackupWindow: '12:00-12:30',
    });
    expect(rule(member)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(rule(standalone)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('is named for the pack, and rejects a malformed configured window', () => {
    expect(rule.name).toBe('RdsBackupWindow');
    expect(() => RdsBackupWindow('6pm')).toThrow('"6pm" is not a UTC window hh:mm-hh:mm');
  });
});

describe('windowWithin', () => {
  it('handles quiet windows that cross midnight', () => {
    const night = parseUtcWindow('23:00-01:00');
    expect(windowWithin(parseUtcWindow('23:30-00:30'), night)).toBe(true);
    expect(windowWithin(parseUtcWindow('00:30-01:00'), night)).toBe(true);
    expect(windowWithin(parseUtcWindow('00:30-01:30'), night)).toBe(false);
    expect(windowWithin(parseUtcWindow('22:30-23:30'), night)).toBe(false);
  });
});
