/** The name each validation plugin registered on the app reports under, in report order (aws-cdk-lib's built-in CloudFormation validation last). */
export const PACK_NAMES = [
  'AwsSolutions',
  'Serverless',
  'NIST.800.53.R5',
  'cdk-validator-cfnguard',
  'GoalMandala',
  'CloudFormation Validate',
] as const;

export type PackName = (typeof PACK_NAMES)[number];
