import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { ParallelCfnGuard } from './parallel-cfn-guard.js';

/**
 * The Control Tower proactive controls (CloudFormation Guard rules of @cdklabs/cdk-validator-cfnguard),
 * reported under the same name, with one fix: the validator leaves `severity` unset, and once any of
 * its findings is acknowledged aws-cdk-lib recomputes the verdict from severities and would let the
 * remaining findings pass. Every guard finding is an error here.
 */
export class ControlTowerGuard implements IPolicyValidationPlugin {
  // One cfn-guard process per core (see parallel-cfn-guard.ts); same rules, same report.
  private readonly validator = new ParallelCfnGuard();
  readonly name = this.validator.name;
  readonly version = this.validator.version;
  readonly ruleIds = this.validator.ruleIds;

  /** Starts checking templates that are already written; `validate` uses the results if they still apply. */
  prestart(templatePaths: readonly string[]): void {
    this.validator.prestart(templatePaths);
  }

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
