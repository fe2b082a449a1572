import { pipelines } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { parameterArn } from './health-check-step.js';

/** Where `npm test` (vitest with CI set) writes its JUnit results. */
export const TEST_RESULTS_FILE = 'test-results/junit.xml';
/** Where `npm run compliance` writes the compliance findings as JUnit (one case per rule and resource). */
export const COMPLIANCE_RESULTS_FILE = 'compliance-report.xml';
/** Where `npm run supply-chain` writes its JUnit results: one file per check (SBOM, audit, secret scan). */
export const SUPPLY_CHAIN_RESULTS_DIRECTORY = 'supply-chain-results';
/** The npm script the synth step runs after `npm ci`: lint, typecheck, test, synth, compliance report, supply chain. */
export const PIPELINE_BUILD_SCRIPT = 'pipeline:build';

export interface SynthStepProps {
  /** The repository checkout. */
  readonly source: pipelines.IFileSetProducer;
  /**
   * The SSM parameter Production's health check writes its health URL to: the migrations check reads it to
   * compare with the commit Production serves (none yet: a first deployment, nothing to compare).
   */
  readonly productionHealthUrlParameter: string;
}

/**
 * The Build stage: the README's commands through npm scripts (build logic stays in package.json and
 * pipeline/scripts/pipeline-build.sh, not here), publishing test results, the compliance report and the
 * supply-chain checks as CodeBuild report groups people read in the console (CodeBuild → Report groups).
 */
export function synthStep(scope: Construct, props: SynthStepProps): pipelines.CodeBuildStep {
  const unitTests = new codebuild.ReportGroup(scope, 'TestReports', { type: codebuild.ReportGroupType.TEST });
  const compliance = new codebuild.ReportGroup(scope, 'ComplianceReports', {
    type: codebuild.ReportGroupType.TEST,
  });
  const supplyChain = new codebuild.ReportGroup(scope, 'SupplyChainReports', {
    type: codebuild.ReportGroupType.TEST,
  });

  return new pipelines.CodeBuildStep('Synth', {
    input: props.source,
    commands: ['npm ci --no-audit --no-fund', `npm run ${PIPELINE_BUILD_SCRIPT}`],
    env: { PRODUCTION_HEALTH_URL_PARAMETER: props.productionHealthUrlParameter },
    primaryOutputDirectory: 'cdk.out',
    // Tests and a two-stage synth with bundling want more than the small instance's 3 GB.
    buildEnvironment: { computeType: codebuild.ComputeType.MEDIUM },
    partialBuildSpec: codebuild.BuildSpec.fromObject({
      reports: {
        [unitTests.reportGroupArn]: { files: [TEST_RESULTS_FILE], 'file-format': 'JUNITXML' },
        [compliance.reportGroupArn]: { files: [COMPLIANCE_RESULTS_FILE], 'file-format': 'JUNITXML' },
        [supplyChain.reportGroupArn]: {
          files: ['*.xml'],
          'base-directory': SUPPLY_CHAIN_RESULTS_DIRECTORY,
          'file-format': 'JUNITXML',
        },
      },
    }),
    rolePolicyStatements: [
      new iam.PolicyStatement({
        actions: ['codebuild:CreateReport', 'codebuild:UpdateReport', 'codebuild:BatchPutTestCases'],
        resources: [unitTests.reportGroupArn, compliance.reportGroupArn, supplyChain.reportGroupArn],
      }),
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [parameterArn(props.productionHealthUrlParameter)],
      }),
    ],
  });
}
