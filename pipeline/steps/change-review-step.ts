/**
 * The change review before the production approval: in the toolchain account, assume the production
 * account's read-only change review role, fetch the stage's deployed templates, and review the build's
 * cloud assembly against them (`npm run review`, printed to this build's log). The approval's review
 * link opens that log; its comment carries the summary line and data-loss risks, which the Slack
 * "approval needed" message lists. No secret is involved: the role is assumed with the build's own
 * credentials and the variables hold only the review's text.
 */
import { Stack, type Stage, pipelines } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { NOTE_SEPARATOR } from '../../services/notifier/change-review-note.js';
import { changeReviewRoleName, changeReviewRunnerRoleName } from '../pipeline-names.js';

export const CHANGE_REVIEW_STEP_NAME = 'ChangeReview';
/** Files of the review inside the step's build. */
const DEPLOYED_DIR = 'deployed-templates';
const NOTE_FILE = 'change-review-note.txt';

export interface ChangeReviewStepProps {
  /** The repository checkout: the review commands run from it. */
  readonly source: pipelines.IFileSetProducer;
  /** The build's cloud assembly (the pipeline's `cloudAssemblyFileSet`): what the stage will deploy. */
  readonly cloudAssembly: pipelines.FileSet;
  /** The stage about to be approved (Production). */
  readonly stage: Stage;
  /** The app's name: the change review roles' names derive from it. */
  readonly appName: string;
}

export class ChangeReviewStep extends pipelines.CodeBuildStep {
  /** The role in the stage's account the step assumes (added at bootstrapping). */
  readonly reviewRoleArn: string;
  /** The review's one-line note (summary line and data-loss risks), as a pipeline variable. */
  readonly note: string;
  /** This review's build log (the review), as a pipeline variable. */
  readonly reviewUrl: string;

  constructor(scope: Construct, props: ChangeReviewStepProps) {
    const { stage, appName } = props;
    const reviewRoleArn = `arn:${Stack.of(scope).partition}:iam::${stage.account}:role/${changeReviewRoleName(appName)}`;
    const stageName = stage.node.id;
    super(CHANGE_REVIEW_STEP_NAME, {
      input: props.source,
      additionalInputs: { 'cdk.out': props.cloudAssembly },
      env: { CHANGE_REVIEW_ROLE_ARN: reviewRoleArn },
      installCommands: ['npm ci --no-audit --no-fund'],
      commands: [
        `npm run review:fetch -- --out ${DEPLOYED_DIR} --stage ${stageName} --role-arn "$CHANGE_REVIEW_ROLE_ARN"`,
        `npm run --silent review -- --deployed ${DEPLOYED_DIR} --stage ${stageName} --note ${NOTE_FILE}`,
        `export CHANGE_REVIEW_NOTE="$(cat ${NOTE_FILE})" CHANGE_REVIEW_URL="$CODEBUILD_BUILD_URL"`,
      ],
      // A fixed name, so the production account's role can trust exactly this role.
      role: new iam.Role(scope, 'ChangeReviewRunnerRole', {
        roleName: changeReviewRunnerRoleName(appName),
        description: "Runs the change review: may assume only the production account's change review role",
        assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      }),
      rolePolicyStatements: [
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [reviewRoleArn] }),
      ],
    });
    this.reviewRoleArn = reviewRoleArn;
    this.note = this.exportedVariable('CHANGE_REVIEW_NOTE');
    this.reviewUrl = this.exportedVariable('CHANGE_REVIEW_URL');
  }

  /**
   * The approval this review is for: its comment is `question`, then the review's note (for the
   * approver and the Slack message); its review link opens the review.
   */
  approval(actionName: string, question: string): pipelines.ManualApprovalStep {
    return new ReviewedApprovalStep(actionName, {
      comment: `${question}${NOTE_SEPARATOR}${this.note}`,
      reviewUrl: this.reviewUrl,
    });
  }
}

/** A manual approval whose comment and link read the review step's variables (so it runs after it). */
class ReviewedApprovalStep extends pipelines.ManualApprovalStep {
  constructor(id: string, props: pipelines.ManualApprovalStepProps) {
    super(id, props);
    // ManualApprovalStep does not look for step outputs in its props itself; without this, synth fails.
    this.discoverReferencedOutputs(props);
  }
}
