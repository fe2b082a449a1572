import { CfnResource, Stack, Stage } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { PipelineStack } from '../../pipeline/pipeline-stack.js';
import { accept, acceptWildcards, at } from './accept-findings.js';
import { acknowledgeOperationalLogGroup } from './log-group.js';
import { acknowledgeServiceFunction } from './service-function.js';

/**
 * Pipeline stack (toolchain account): the roles CDK Pipelines generates for its CodeBuild projects and
 * actions, the artifact bucket and its access logs, the build log group and the delivery notifier.
 * Owned by the delivery pipeline (issue 5); the stages inside the pipeline are acknowledged per stack.
 */
export function acknowledgePipelineStack(stack: PipelineStack): void {
  const own = ownConstructs(stack);
  const artifactBucket = stack.pipeline.pipeline.artifactBucket;
  const bucketArn = `<${logicalIdOf(artifactBucket)}.Arn>`;
  const projects = own.filter((c): c is codebuild.Project => c instanceof codebuild.Project);

  for (const policy of own.filter((c): c is iam.Policy => c instanceof iam.Policy)) {
    accept(
      policy,
      [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
      "CDK Pipelines writes each generated role's least-privilege statements as a policy attached to that one role; nothing else can attach it.",
    );
    // Only the wildcard findings each policy really has: a read-only role is not acknowledged for writes.
    acceptWildcards(
      policy,
      [
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        `AwsSolutions-IAM5[Resource::${bucketArn}/*]`,
      ],
      "CDK's read (or read/write) grant on the pipeline's own artifact bucket and the objects in it; the wildcards are that grant's action families over this one bucket's build artifacts.",
    );
    acceptWildcards(
      policy,
      ['AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]'],
      "CDK's encrypt/decrypt grant on the artifact bucket's own KMS key (one key ARN); the wildcards are the variants of those two actions.",
    );
  }

  for (const project of projects) {
    const id = logicalIdOf(project);
    acceptWildcards(
      project.role!.node.findChild('DefaultPolicy'),
      [
        `AwsSolutions-IAM5[Resource::arn:aws:codebuild:${stack.region}:${stack.account}:report-group/<${id}>-*]`,
        `AwsSolutions-IAM5[Resource::arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/<${id}>:*]`,
      ],
      "CodeBuild's default permissions for this project's own report groups (named <project>-<report>) and its own /aws/codebuild/<project> log group and streams.",
    );
  }

  const assetRolePolicy = at(stack, 'Pipeline/Assets/FileRole/DefaultPolicy');
  accept(
    assetRolePolicy,
    [
      [
        'AwsSolutions',
        `AwsSolutions-IAM5[Resource::arn:aws:codebuild:${stack.region}:${stack.account}:report-group/*]`,
      ],
      [
        'AwsSolutions',
        `AwsSolutions-IAM5[Resource::arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/*]`,
      ],
      ['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]'],
    ],
    'The asset-publishing role CDK Pipelines shares across its asset projects (one per asset type): CodeBuild report and log permissions for projects it names at deploy time, and BatchGetBuilds/StartBuild/StopBuild; what it publishes is limited by the cross-account file-publishing roles it may assume, listed by ARN.',
  );
  const selfMutationPolicy = at(stack, 'Pipeline/UpdatePipeline/SelfMutation/Role/DefaultPolicy');
  accept(
    selfMutationPolicy,
    [
      ['AwsSolutions', `AwsSolutions-IAM5[Resource::arn:*:iam::${stack.account}:role/*]`],
      ['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]'],
    ],
    "Self-mutation runs cdk deploy of this stack: it may assume only roles tagged aws-cdk:bootstrap-role deploy / file-publishing / image-publishing (the CDK bootstrap roles), and reads cloudformation:DescribeStacks / s3:ListBucket, which it needs before it knows the stack's names.",
  );

  for (const bucket of [artifactBucket, at(stack, 'Artifacts/AccessLogs')]) {
    accept(
      bucket,
      [['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketReplicationEnabled']],
      'Reproducible from git: build artifacts and their access logs are rebuilt or expire (90 days / 1 year); a cross-region replica would protect nothing a rerun cannot recreate.',
    );
    accept(
      bucket,
      [['cdk-validator-cfnguard', 's3_bucket_object_lock_enabled_check']],
      'Object Lock would stop the lifecycle expiry of old artifacts and logs; versioning already keeps overwritten objects for a while.',
    );
    accept(
      bucket,
      [['cdk-validator-cfnguard', 's3_event_notifications_enabled_check']],
      'Nothing reacts to objects arriving here: CodePipeline drives every build, and the pipeline run history is the record of what was written.',
    );
  }
  accept(
    at(stack, 'Artifacts/AccessLogs'),
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3DefaultEncryptionKMS'],
      ['cdk-validator-cfnguard', 's3_bucket_default_encryption_kms_check'],
      ['cdk-validator-cfnguard', 's3_bucket_logging_enabled_check'],
    ],
    "This bucket receives the artifact bucket's server access logs: S3 log delivery writes with SSE-S3 only, and logging a log bucket would log itself without end.",
  );

  acknowledgeOperationalLogGroup(
    at(stack, 'BuildLogs'),
    'Build, self-mutation, asset and post-deploy step logs are kept three months to investigate recent runs; the reports people read are in the CodeBuild report groups.',
  );

  const notifier = stack.notifications.notifier;
  acknowledgeServiceFunction(
    notifier,
    {
      asynchronousSource: 'the delivery notification topic (SNS)',
      whyLossIsTolerable:
        'a lost Slack message loses nothing: every run, its state and approvals stay in the CodePipeline console, and the function logs each failure.',
    },
    'The toolchain account has no VPC: the notifier only reads one secret and posts to Slack over HTTPS, and needs no private network resources.',
  );
  accept(
    at(stack, 'Notifications/SlackNotifier/Topic'),
    [['Serverless', 'Serverless-SNSRedrivePolicy']],
    'A notification SNS cannot deliver to the notifier is only a Slack message; the event itself stays in the CodePipeline console.',
  );
}

/** Constructs of the pipeline stack itself, not of the stages it deploys (they are acknowledged per stack). */
function ownConstructs(scope: IConstruct): IConstruct[] {
  return scope.node.children.flatMap((child) =>
    Stage.isStage(child) ? [] : [child, ...ownConstructs(child)],
  );
}

function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnResource;
  return Stack.of(construct).getLogicalId(resource);
}
