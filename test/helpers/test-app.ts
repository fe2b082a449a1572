/**
 * The shared test app: Goal Mandala stages built from the example configuration in cdk.json, in a
 * temporary outdir (never cdk.out). Building a stage is slow (bundling, synthesis), so suites call
 * `buildTestStages()` once per file and read every template from the one synthesized assembly.
 */
import { App, Stage, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  CONTEXT_KEY,
  readCdkJsonConfig,
  readAppContext,
  stageConfig,
  type AppConfig,
} from '../../pipeline/config.js';
import type { StageName } from '../../stages/stage-config.js';
import { GoalMandalaStage } from '../../stages/goal-mandala-stage.js';
import { tempDir } from './temp-dir.js';

/** The `goalMandala` context of cdk.json, validated: the configuration every test builds from. */
export function exampleConfig(): Readonly<AppConfig> {
  return readCdkJsonConfig();
}

/** The feature flags of cdk.json, so tests synthesize what `cdk synth` does. */
function featureFlags(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(readAppContext()).filter(([key]) => key !== CONTEXT_KEY));
}

export interface TestStageOptions {
  /** @default ['staging'] */
  readonly stages?: readonly StageName[];
  /**
   * Bundle the Lambda code with esbuild, as `cdk synth` does. Off, CDK stages placeholder assets
   * (the documented `aws:cdk:bundling-stacks` switch), which keeps template tests fast.
   * @default false
   */
  readonly bundle?: boolean;
  /**
   * Run aws-cdk-lib's built-in CloudFormation validation at synth (~3 s); one suite keeps it on.
   * @default false
   */
  readonly cloudFormationValidation?: boolean;
  /** @default 'test0000' */
  readonly appVersion?: string;
}

export interface TestStages {
  readonly app: App;
  readonly config: Readonly<AppConfig>;
  readonly stages: Partial<Record<StageName, GoalMandalaStage>>;
  /** The staging stage (present unless `stages` left it out). */
  readonly staging: GoalMandalaStage;
  /** Template of a stack of these stages, from one synthesis of the app. */
  template(stack: Stack): Template;
  /** Every stack of every built stage, with its template. */
  allTemplates(): { stack: Stack; stageName: StageName; template: Template }[];
}

/** Builds the stages once and synthesizes them into a temporary outdir. */
export function buildTestStages(options: TestStageOptions = {}): TestStages {
  const config = exampleConfig();
  const app = new App({
    outdir: tempDir('gm-cdk-test-'),
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    context: {
      ...featureFlags(),
      [CONTEXT_KEY]: config,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stages: Partial<Record<StageName, GoalMandalaStage>> = {};
  for (const stageName of options.stages ?? ['staging']) {
    stages[stageName] = new GoalMandalaStage(app, stageName === 'staging' ? 'Staging' : 'Production', {
      config: stageConfig(config, stageName),
      appVersion: options.appVersion ?? 'test0000',
    });
  }
  app.synth();
  const templates = new Map<Stack, Template>();
  const template = (stack: Stack): Template => {
    let found = templates.get(stack);
    if (!found) {
      // The stage's nested assembly was written by app.synth() above; Stage.synth() returns it.
      const assembly = Stage.of(stack)!.synth();
      found = Template.fromJSON(
        assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>,
      );
      templates.set(stack, found);
    }
    return found;
  };
  return {
    app,
    config,
    stages,
    get staging(): GoalMandalaStage {
      if (!stages.staging) throw new Error('buildTestStages: staging was not built');
      return stages.staging;
    },
    template,
    allTemplates: () =>
      (Object.entries(stages) as [StageName, GoalMandalaStage][]).flatMap(([stageName, stage]) =>
        stacksOf(stage).map((stack) => ({ stack, stageName, template: template(stack) })),
      ),
  };
}

/** The six stacks of a stage, in dependency order. */
export function stacksOf(stage: GoalMandalaStage): Stack[] {
  return [stage.network, stage.data, stage.workflow, stage.api, stage.edge, stage.observability];
}

/** Resources of one type in a template, as `[logicalId, resource]` pairs. */
export function resourcesOf(
  template: Template,
  type: string,
): [string, { Properties?: Record<string, unknown>; [key: string]: unknown }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties?: Record<string, unknown> }][];
}
