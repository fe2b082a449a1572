import type { IConstruct } from 'constructs';
import { accept } from './accept-findings.js';

/** CloudWatch Logs' default encryption: nothing in the app's logs needs a customer key. */
export function acknowledgeLogGroupEncryption(logGroup: IConstruct): void {
  accept(
    logGroup,
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted'],
      ['cdk-validator-cfnguard', 'cloudwatch_log_group_encrypted_check'],
    ],
    'Encrypted at rest by CloudWatch Logs (AWS-owned keys); it holds no request bodies, tokens or secrets (API data trace is off, handlers log through Powertools), so a customer key would add cost without protecting more.',
  );
}

/**
 * A log group kept for operations, not audit: default encryption, and a retention shorter than the
 * Control Tower year (the CloudTrail trail is the year-long audit record).
 * @param retention why this log group keeps what it keeps for as long as it does
 */
export function acknowledgeOperationalLogGroup(logGroup: IConstruct, retention: string): void {
  acknowledgeLogGroupEncryption(logGroup);
  accept(logGroup, [['cdk-validator-cfnguard', 'cloudwatch_log_group_retention_period_check']], retention);
}
