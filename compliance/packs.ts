import type { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ControlTowerGuard } from './control-tower-guard.js';
import { GoalMandalaChecks } from './goal-mandala-checks.js';

export interface CompliancePacksProps {
  /** The nightly quiet window (UTC `hh:mm-hh:mm`) database backups must fall in. */
  readonly backupWindowUtc: string;
}

/**
 * Every pack the app is checked against: cdk-nag's AwsSolutions, Serverless and NIST 800-53 rev 5,
 * the Control Tower proactive controls as CloudFormation Guard rules and this project's own rules
 * (in the order of PACK_NAMES). aws-cdk-lib adds its built-in CloudFormation validation itself.
 */
export function compliancePacks(scope: IConstruct, props: CompliancePacksProps): IPolicyValidationPlugin[] {
  return [
    new AwsSolutionsChecks(scope, { verbose: true }),
    new ServerlessChecks(scope, { verbose: true }),
    new NIST80053R5Checks(scope, { verbose: true }),
    new ControlTowerGuard(),
    new GoalMandalaChecks(scope, { verbose: true, backupWindowUtc: props.backupWindowUtc }),
  ];
}
