import {
  CfnResource,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Stage,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { BackgroundCloudFormationValidate } from './background-cloudformation-validate.js';
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
 * the Control Tower proactive controls as CloudFormation Guard rules, this project's own rules, and
 * aws-cdk-lib's built-in CloudFormation validation (run in the background, in place of the built-in instance).
 */
export function compliancePacks(scope: IConstruct, props: CompliancePacksProps): IPolicyValidationPlugin[] {
  const controlTower = new ControlTowerGuard();
  const cloudFormation = new BackgroundCloudFormationValidate();
  // The tree is complete when it is validated, before any template is written: the CloudFormation engine
  // can be built for its resource types now. Nested stages are synthesized before the app's own templates:
  // let cfn-guard start on theirs while the rest of synthesis goes on.
  scope.node.addValidation({
    validate: () => {
      cloudFormation.warmUp(resourceTypes(scope));
      controlTower.prestart(nestedStageTemplates(scope));
      return [];
    },
  });
  return [
    startingBackgroundPacksFirst(
      new AwsSolutionsChecks(scope, { verbose: true }),
      controlTower,
      cloudFormation,
    ),
    new ServerlessChecks(scope, { verbose: true }),
    new NIST80053R5Checks(scope, { verbose: true }),
    controlTower,
    new GoalMandalaChecks(scope, { verbose: true, backupWindowUtc: props.backupWindowUtc }),
    cloudFormation,
  ];
}

/** The CloudFormation resource types declared anywhere under `scope`. */
function resourceTypes(scope: IConstruct): Set<string> {
  return new Set(
    scope.node
      .findAll()
      .filter((construct) => CfnResource.isCfnResource(construct))
      .map((resource) => resource.cfnResourceType),
  );
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
 * `plugin`, run first of all packs, that first lets cfn-guard and the CloudFormation validation start on
 * every template (the app's own ones are written only just before the packs run), so they work in the
 * background while the cdk-nag packs run on this thread.
 */
function startingBackgroundPacksFirst(
  plugin: IPolicyValidationPlugin,
  guard: ControlTowerGuard,
  cloudFormation: BackgroundCloudFormationValidate,
): IPolicyValidationPlugin {
  return {
    name: plugin.name,
    version: plugin.version,
    ruleIds: plugin.ruleIds,
    validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
      guard.prestart(context.templatePaths);
      cloudFormation.prestart(context);
      return plugin.validate(context);
    },
  };
}
