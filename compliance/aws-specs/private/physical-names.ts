/**
 * What CloudFormation calls a resource once created: its name (the template's name property, or a
 * stand-in for one CloudFormation generates), its ARN, and what `Ref` returns. Only the types whose names
 * and ARNs other templates and policies refer to are known here; the stand-in for a generated name is
 * `<stack>-<logicalId>`, which no literal name elsewhere can match by accident.
 */
import type { CfnResource } from './cloud-assembly.js';

interface ResourceNaming {
  /** The property holding the physical name, if the type has one. */
  readonly nameProperty?: string;
  /** The ARN with `{partition}`, `{region}`, `{account}` and `{name}`. */
  readonly arn: string;
  /** `Ref` returns the ARN (rather than the name or id). */
  readonly refIsArn?: boolean;
}

const NAMING: Readonly<Record<string, ResourceNaming>> = {
  'AWS::IAM::Role': { nameProperty: 'RoleName', arn: 'arn:{partition}:iam::{account}:role/{name}' },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    arn: 'arn:{partition}:iam::{account}:policy/{name}',
    refIsArn: true,
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    arn: 'arn:{partition}:sns:{region}:{account}:{name}',
    refIsArn: true,
  },
  'AWS::S3::Bucket': { nameProperty: 'BucketName', arn: 'arn:{partition}:s3:::{name}' },
  'AWS::KMS::Key': { arn: 'arn:{partition}:kms:{region}:{account}:key/{name}' },
  'AWS::CloudWatch::Alarm': {
    nameProperty: 'AlarmName',
    arn: 'arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}',
  },
  // Secrets Manager appends six random characters to a secret's ARN.
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    arn: 'arn:{partition}:secretsmanager:{region}:{account}:secret:{name}-Rnd6Ch',
    refIsArn: true,
  },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    arn: 'arn:{partition}:states:{region}:{account}:stateMachine:{name}',
    refIsArn: true,
  },
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    arn: 'arn:{partition}:lambda:{region}:{account}:function:{name}',
  },
  'AWS::CloudTrail::Trail': {
    nameProperty: 'TrailName',
    arn: 'arn:{partition}:cloudtrail:{region}:{account}:trail/{name}',
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    arn: 'arn:{partition}:logs:{region}:{account}:log-group:{name}:*',
  },
  'AWS::CodeBuild::Project': {
    nameProperty: 'Name',
    arn: 'arn:{partition}:codebuild:{region}:{account}:project/{name}',
  },
  'AWS::CodePipeline::Pipeline': {
    nameProperty: 'Name',
    arn: 'arn:{partition}:codepipeline:{region}:{account}:{name}',
  },
  'AWS::CloudFront::KeyValueStore': {
    nameProperty: 'Name',
    arn: 'arn:{partition}:cloudfront::{account}:key-value-store/{name}',
  },
  'AWS::CloudFront::Distribution': { arn: 'arn:{partition}:cloudfront::{account}:distribution/{name}' },
};

export function isNamedType(type: string): boolean {
  return type in NAMING;
}

/** The property holding a type's physical name, if it has one. */
export function nameProperty(type: string): string | undefined {
  return NAMING[type]?.nameProperty;
}

/** The literal physical name the template gives the resource, if any. */
export function literalName(resource: CfnResource): string | undefined {
  const property = nameProperty(resource.Type);
  const value = property ? resource.Properties?.[property] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function generatedName(stackName: string, logicalId: string): string {
  return `${stackName}-${logicalId}`;
}

export function arnFor(
  resource: CfnResource,
  name: string,
  env: { partition: string; region: string; account: string },
): string | undefined {
  const naming = NAMING[resource.Type];
  return naming?.arn
    .replace('{partition}', env.partition)
    .replace('{region}', env.region)
    .replace('{account}', env.account)
    .replace('{name}', name);
}

export function refIsArn(type: string): boolean {
  return NAMING[type]?.refIsArn === true;
}
