/**
 * Resource types with no charge of their own: their cost (if any) is the traffic of a resource priced
 * elsewhere. Listed by name so a new billable type is reported "not priced" instead of passing as free.
 */
export const NO_CHARGE_TYPES: Readonly<Record<string, string>> = {
  'AWS::CDK::Metadata': 'CDK bookkeeping',
  'AWS::IAM::Role': 'IAM is free',
  'AWS::IAM::Policy': 'IAM is free',
  'AWS::IAM::ManagedPolicy': 'IAM is free',
  'AWS::EC2::VPC': 'VPCs are free',
  'AWS::EC2::Subnet': 'free',
  'AWS::EC2::RouteTable': 'free',
  'AWS::EC2::Route': 'free',
  'AWS::EC2::SubnetRouteTableAssociation': 'free',
  'AWS::EC2::InternetGateway': 'free (data transfer is priced where it is served)',
  'AWS::EC2::VPCGatewayAttachment': 'free',
  'AWS::EC2::SecurityGroup': 'free',
  'AWS::EC2::SecurityGroupIngress': 'free',
  'AWS::EC2::SecurityGroupEgress': 'free',
  'AWS::Logs::LogGroup': 'ingestion is priced on the function, API, trail or flow log writing into it',
  'AWS::Lambda::Permission': 'free',
  'AWS::Lambda::Version': 'free',
  'AWS::Lambda::Alias': 'free',
  'AWS::ApiGateway::Account': 'free',
  'AWS::ApiGateway::Deployment': 'free',
  'AWS::ApiGateway::Method': 'calls are priced on the REST API',
  'AWS::ApiGateway::Resource': 'free',
  'AWS::ApiGateway::Stage': 'calls are priced on the REST API (no cache cluster)',
  'AWS::ApiGateway::UsagePlan': 'free',
  'AWS::CloudFront::OriginAccessControl': 'free',
  'AWS::CloudFront::ResponseHeadersPolicy': 'free',
  'AWS::CloudFront::CachePolicy': 'free',
  'AWS::CloudFront::OriginRequestPolicy': 'free',
  'AWS::S3::BucketPolicy': 'free',
  'AWS::KMS::Alias': 'free',
  'AWS::SNS::Subscription': 'deliveries are priced on the topic',
  'AWS::SNS::TopicPolicy': 'free',
  'AWS::SecretsManager::RotationSchedule': 'the rotation function runs once every 30 days',
  'AWS::SecretsManager::SecretTargetAttachment': 'free',
  'AWS::SecretsManager::ResourcePolicy': 'free',
  'AWS::RDS::DBSubnetGroup': 'free',
  'AWS::RDS::DBClusterParameterGroup': 'free',
  'AWS::RDS::DBParameterGroup': 'free',
  'AWS::Serverless::Application': 'the secret-rotation function (a nested stack) runs once every 30 days',
  'AWS::CodeDeploy::Application': 'CodeDeploy to Lambda is free',
  'AWS::CodeDeploy::DeploymentGroup': 'CodeDeploy to Lambda is free',
  'AWS::CodeBuild::ReportGroup': 'test reports are free',
  'AWS::CodeStarNotifications::NotificationRule': 'free',
  'AWS::Events::Rule': 'AWS service events are free',
};

/** Custom resources run a function during deployments only. */
export function isNoCharge(type: string): string | undefined {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    return 'a deploy-time custom resource';
  }
  return NO_CHARGE_TYPES[type];
}
