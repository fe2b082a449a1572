/** The toolchain account: the CodePipeline V2 pipeline's action minutes and its CodeBuild projects. */
import { line, NOT_PRICED, type Pricer, type PricingContext } from '../cost-line.js';
import type { PriceKey } from '../price-table.js';
import { PIPELINE_ASSUMPTIONS } from '../usage-assumptions.js';

interface Action {
  readonly Name: string;
  readonly ActionTypeId: { readonly Category: string; readonly Provider: string };
}

function actionMinutes(action: Action): number {
  const { Category, Provider } = action.ActionTypeId;
  if (Category === 'Approval') return 0; // manual approvals are not billed
  if (Provider === 'CloudFormation') {
    return action.Name.endsWith('.Deploy')
      ? PIPELINE_ASSUMPTIONS.deployActionMinutes
      : PIPELINE_ASSUMPTIONS.otherActionMinutes;
  }
  if (Provider === 'CodeBuild') {
    return action.Name === 'Synth'
      ? PIPELINE_ASSUMPTIONS.buildMinutes
      : PIPELINE_ASSUMPTIONS.otherProjectMinutes;
  }
  return PIPELINE_ASSUMPTIONS.otherActionMinutes;
}

const pipeline: Pricer = (c) => {
  if ((c.resource.Properties?.PipelineType ?? 'V1') !== 'V2') return NOT_PRICED;
  const stages = (c.resource.Properties?.Stages ?? []) as { Actions: Action[] }[];
  const perRun = stages
    .flatMap((stage) => stage.Actions)
    .reduce((sum, action) => sum + actionMinutes(action), 0);
  const runs = c.pipelineRunsPerMonth;
  return [
    line(
      c,
      'V2 action execution minutes',
      0,
      runs * perRun * c.price('codePipelineV2ActionMinute').usd,
      `${runs} runs × ${perRun} action-minutes (every run promoted to production)`,
    ),
  ];
};

const COMPUTE_PRICES: Readonly<Record<string, PriceKey>> = {
  BUILD_GENERAL1_SMALL: 'codeBuildSmallMinute',
  BUILD_GENERAL1_MEDIUM: 'codeBuildMediumMinute',
  BUILD_GENERAL1_LARGE: 'codeBuildLargeMinute',
};

function isSynthProject(c: PricingContext): boolean {
  return (
    /(^|\/)Synth\//.test(String(c.resource.Metadata?.['aws:cdk:path'] ?? '')) || /Synth/.test(c.logicalId)
  );
}

const project: Pricer = (c) => {
  const environment = c.resource.Properties?.Environment as { ComputeType?: string } | undefined;
  const key = COMPUTE_PRICES[environment?.ComputeType ?? ''];
  if (!key) return NOT_PRICED;
  const minutes = isSynthProject(c)
    ? PIPELINE_ASSUMPTIONS.buildMinutes
    : PIPELINE_ASSUMPTIONS.otherProjectMinutes;
  const runs = c.pipelineRunsPerMonth;
  return [
    line(
      c,
      `build minutes (${environment!.ComputeType})`,
      0,
      runs * minutes * c.price(key).usd,
      `${runs} runs × ${minutes} min`,
    ),
  ];
};

export const deliveryPricers: Readonly<Record<string, Pricer>> = {
  'AWS::CodePipeline::Pipeline': pipeline,
  'AWS::CodeBuild::Project': project,
};
