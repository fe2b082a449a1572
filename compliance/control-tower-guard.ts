import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { indexGuardRules, rulesForTypes, templateResourceTypes } from './guard-rule-selection.js';
import { type GuardGroup, validateSideBySide } from './private/validate-side-by-side.js';

const pluginModule = createRequire(import.meta.url).resolve('@cdklabs/cdk-validator-cfnguard');
/** The Control Tower rules the validator loads by default (its `controlTowerRulesEnabled`). */
export const controlTowerRulesPath = join(dirname(pluginModule), '..', 'rules', 'control-tower', 'cfn-guard');

/**
 * The Control Tower proactive controls (CloudFormation Guard rules of @cdklabs/cdk-validator-cfnguard),
 * reported under the same name and with the same findings as the validator run over every template, with
 * two differences:
 * - each template is checked with only the rule files checking one of its resource types (the others can
 *   only skip; see guard-rule-selection.ts), which cuts cfn-guard's time several-fold, and templates
 *   needing the same rules share one cfn-guard run, the runs side by side;
 * - the validator leaves `severity` unset, and once any of its findings is acknowledged aws-cdk-lib
 *   recomputes the verdict from severities and would let the remaining findings pass. Every guard
 *   finding is an error here.
 */
export class ControlTowerGuard implements IPolicyValidationPlugin {
  private readonly validator = new CfnGuardValidator();
  private readonly rules = indexGuardRules(controlTowerRulesPath);
  readonly name = this.validator.name;
  readonly version = this.validator.version;
  readonly ruleIds = this.validator.ruleIds;

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Templates needing the same rules are checked by one cfn-guard run (each stack's Staging and Production
    // templates hold the same resource types): one process per rule set, not per template.
    const byRules = new Map<string, GuardGroup>();
    for (const templatePath of context.templatePaths) {
      const rules = rulesForTypes(this.rules, templateResourceTypes(templatePath));
      if (rules.length === 0) continue;
      const key = rules.join('\n');
      const group = byRules.get(key) ?? { rules, templatePaths: [] };
      group.templatePaths.push(templatePath);
      byRules.set(key, group);
    }
    const reports = validateSideBySide([...byRules.values()]);
    const success = reports.every((report) => report.success);
    const violations = reports.flatMap((report) => report.violations);
    // cfn-guard reports each data file on its own: in the templates' order, the merged report lists what one
    // run over all templates lists, in the same order.
    const order = (violation: PolicyViolation) =>
      context.templatePaths.indexOf(violation.violatingResources[0]?.templatePath ?? '');
    violations.sort((a, b) => order(a) - order(b));
    return {
      success: violations.length === 0 && success,
      violations: violations.map((violation) => ({
        ...violation,
        severity: violation.severity ?? 'error',
      })),
    };
  }
}
