import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';

/**
 * The Control Tower proactive controls (CloudFormation Guard rules of @cdklabs/cdk-validator-cfnguard),
 * reported under the same name, with one fix: the validator leaves `severity` unset, and once any of
 * its findings is acknowledged aws-cdk-lib recomputes the verdict from severities and would let the
 * remaining findings pass. Every guard finding is an error here.
 */
export class ControlTowerGuard implements IPolicyValidationPlugin {
  private readonly validator = new CfnGuardValidator();
  readonly name = this.validator.name;
  readonly version = this.validator.version;
  readonly ruleIds = this.validator.ruleIds;

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.validator.validate(context);
    return {
      ...report,
      success: report.violations.length === 0 && report.success,
      violations: report.violations.map((violation) => ({
        ...violation,
        severity: violation.severity ?? 'error',
      })),
    };
  }
}
