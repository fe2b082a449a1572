import {
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Stage,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ControlTowerGuard } from './control-tower-guard.js';
import { GoalMandalaChecks } from './goal-mandala-checks.js';

/** The name each plugin reports under, in report order (the built-in CloudFormation validation last). */
export const PACK_NAMES = [
  'AwsSolutions',
  'Serverless',
  'NIST.800.53.R5',
  'cdk-validator-cfnguard',
  'GoalMandala',
  'CloudFormation Validate',
] as const;

export interface CompliancePacksProps {
  /** The nightly quiet window (UTC `hh:mm-hh:mm`) database backups must fall in. */
  readonly backupWindowUtc: string;
}

/**
 * Every pack the app is checked against: cdk-nag's AwsSolutions, Serverless and NIST 800-53 rev 5,
 * the Control Tower proactive controls as CloudFormation Guard rules, and this project's own rules.
 * (aws-cdk-lib's built-in CloudFormation validation runs as well; it needs no registration.)
 */
export function compliancePacks(scope: IConstruct, props: CompliancePacksProps): IPolicyValidationPlugin[] {
  const controlTower = new ControlTowerGuard();
  // Nested stages are synthesized before the tree is validated and its top-level templates written:
  // let cfn-guard (the slowest pack) start on their templates while the rest of synthesis goes on.
  scope.node.addValidation({
    validate: () => {
      controlTower.prestart(nestedStageTemplates(scope));
      return [];
    },
  });
  return [
    startingGuardFirst(new AwsSolutionsChecks(scope, { verbose: true }), controlTower),
    new ServerlessChecks(scope, { verbose: true }),
    new NIST80053R5Checks(scope, { verbose: true }),
    controlTower,
    new GoalMandalaChecks(scope, { verbose: true, backupWindowUtc: props.backupWindowUtc }),
  ];
}

/** Template files of every stage nested under `scope` (each stage's cached cloud assembly). */
function nestedStageTemplates(scope: IConstruct): string[] {
  const templates = new Set<string>();
  for (const construct of scope.node.findAll()) {
    if (construct === scope || !Stage.isStage(construct)) continue;
    for (const stack of construct.synth().stacksRecursively) templates.add(stack.templateFullPath);
  }
  return [...templates];
}

/**
 * `plugin`, run first of all packs, that first lets cfn-guard start on every template (the app's own
 * ones are written only just before the packs run), so the guard works while the other packs do.
 */
function startingGuardFirst(
  plugin: IPolicyValidationPlugin,
  guard: ControlTowerGuard,
): IPolicyValidationPlugin {
  return {
    name: plugin.name,
    version: plugin.version,
    ruleIds: plugin.ruleIds,
    validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
      guard.prestart(context.templatePaths);
      return plugin.validate(context);
    },
  };
}
