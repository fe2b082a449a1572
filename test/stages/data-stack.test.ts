import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestStages, resourcesOf, type TestStages } from '../helpers/test-app.js';

let built: TestStages;
let template: ReturnType<TestStages['template']>;
let cluster: Record<string, unknown> & { Properties: Record<string, unknown> };
let staging: ReturnType<TestStages['template']>;
let stagingCluster: typeof cluster;

beforeAll(() => {
  built = buildTestStages({ stages: ['staging', 'production'] });
  // Production keeps the design's shape; staging's differences (scale to zero, no reader) are below.
  template = built.template(built.stages.production!.data);
  cluster = resourcesOf(template, 'AWS::RDS::DBCluster')[0]![1] as typeof cluster;
  staging = built.template(built.staging.data);
  stagingCluster = resourcesOf(staging, 'AWS::RDS::DBCluster')[0]![1] as typeof cluster;
});

describe('DataStack (production)', () => {
  it('runs Aurora PostgreSQL 15 (a current minor) serverless v2 at 0.5–2 ACU, never pausing', () => {
    expect(cluster.Properties).toMatchObject({
      Engine: 'aurora-postgresql',
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
      DatabaseName: 'goalmandala',
    });
    expect(cluster.Properties.ServerlessV2ScalingConfiguration).not.toHaveProperty('SecondsUntilAutoPause');
    const [major, minor] = String(cluster.Properties.EngineVersion).split('.').map(Number);
    expect(major).toBe(15);
    expect(minor).toBeGreaterThanOrEqual(10);
  });

  it('has a writer and a reader that scales with the writer', () => {
    const instances = resourcesOf(template, 'AWS::RDS::DBInstance').map(
      ([id, i]) => ({ ...i.Properties, id }) as Record<string, unknown> & { id: string },
    );
    expect(instances).toHaveLength(2);
    for (const instance of instances) expect(instance.DBInstanceClass).toBe('db.serverless');
    const writer = instances.find((i) => i.id.startsWith('Databasewriter'))!;
    const reader = instances.find((i) => i.id.startsWith('Databasereader'))!;
    // Promotion tiers 0–1 follow the writer's capacity.
    expect(writer.PromotionTier).toBe(0);
    expect(reader.PromotionTier).toBe(1);
  });

  it('encrypts storage with a customer key that rotates', () => {
    expect(cluster.Properties.StorageEncrypted).toBe(true);
    const keyId = (cluster.Properties.KmsKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expect(template.toJSON().Resources[keyId]).toMatchObject({
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true },
    });
  });

  it('keeps 7 days of backups taken 18:00–19:00 UTC (03:00–04:00 in Tokyo), from configuration', () => {
    expect(built.config.backupWindowUtc).toBe('18:00-19:00');
    expect(cluster.Properties).toMatchObject({
      BackupRetentionPeriod: 7,
      PreferredBackupWindow: '18:00-19:00',
    });
  });

  it('is protected from deletion and retained with the stack', () => {
    expect(cluster).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: expect.objectContaining({ DeletionProtection: true }),
    });
  });

  it('lives in the isolated subnets', () => {
    const subnetGroup = resourcesOf(template, 'AWS::RDS::DBSubnetGroup')[0]![1].Properties!;
    const subnetIds = JSON.stringify(subnetGroup.SubnetIds);
    expect(subnetIds).toMatch(/DatabaseSubnet1/);
    expect(subnetIds).toMatch(/DatabaseSubnet2/);
    expect(subnetIds).not.toMatch(/PrivateSubnet|PublicSubnet/);
  });

  it('generates its credentials and rotates them every 30 days from subnets that reach Secrets Manager', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: '{"username":"goalmandala"}',
        GenerateStringKey: 'password',
      },
    });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    const rotation = resourcesOf(template, 'AWS::Serverless::Application')[0]![1].Properties!;
    const subnets = JSON.stringify((rotation.Parameters as Record<string, unknown>).vpcSubnetIds);
    expect(subnets).toMatch(/PrivateSubnet/);
    expect(subnets).not.toMatch(/DatabaseSubnet/);
  });

  it('keeps a second login for the functions, rotated with alternating users by the master secret', () => {
    const data = built.stages.production!.data;
    const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret');
    const [appId, app] = secrets.find(([id]) => id.startsWith('AppDatabaseSecret'))!;
    const [masterId] = secrets.find(([id]) => id.startsWith('DatabaseSecret'))!;
    // `masterarn`: the rotation logs in as the master to create `<user>_clone` and change passwords.
    expect(data.appDatabaseUser).toBe('goalmandala_app');
    expect(
      (app.Properties!.GenerateSecretString as { SecretStringTemplate: unknown }).SecretStringTemplate,
    ).toEqual({
      'Fn::Join': ['', ['{"username":"goalmandala_app","masterarn":"', { Ref: masterId }, '"}']],
    });
    // Host and port are attached from the cluster, as the functions need them.
    const [attachmentId] = resourcesOf(template, 'AWS::SecretsManager::SecretTargetAttachment').find(
      ([, r]) => JSON.stringify(r.Properties!.SecretId) === JSON.stringify({ Ref: appId }),
    )!;
    const schedules = resourcesOf(template, 'AWS::SecretsManager::RotationSchedule').map(
      ([, r]) => r.Properties!,
    );
    const appSchedule = schedules.find(
      (s) => JSON.stringify(s.SecretId) === JSON.stringify({ Ref: attachmentId }),
    )!;
    expect(appSchedule).toMatchObject({
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      // The login is created by the api stack's migration step, after this stack: no rotation at creation.
      RotateImmediatelyOnUpdate: false,
      RotationLambdaARN: {
        'Fn::GetAtt': [expect.stringMatching(/^DatabaseAppDatabaseRotation/), 'Outputs.RotationLambdaARN'],
      },
    });
    const [, rotation] = resourcesOf(template, 'AWS::Serverless::Application').find(([id]) =>
      id.startsWith('DatabaseAppDatabaseRotation'),
    )!;
    const parameters = rotation.Properties!.Parameters as Record<string, unknown>;
    expect(parameters.masterSecretArn).toEqual({ Ref: expect.stringMatching(/^DatabaseSecretAttachment/) });
    expect(JSON.stringify(parameters.vpcSubnetIds)).toMatch(/PrivateSubnet/);
    expect(JSON.stringify(parameters.vpcSubnetIds)).not.toMatch(/DatabaseSubnet/);
  });

  it('admits the rotation functions to the database on 5432 only', () => {
    const [clusterId] = resourcesOf(template, 'AWS::RDS::DBCluster')[0]!;
    expect(cluster.Properties.Port).toBe(5432);
    const ingress = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties!);
    const clusterPort = { 'Fn::GetAtt': [clusterId, 'Endpoint.Port'] };
    const fromRotation = (group: RegExp) =>
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: clusterPort,
        ToPort: clusterPort,
        SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(group), 'GroupId'] },
      });
    expect(ingress).toEqual(
      expect.arrayContaining([
        fromRotation(/^DatabaseRotationSingleUserSecurityGroup/),
        fromRotation(/^DatabaseAppDatabaseRotationSecurityGroup/),
      ]),
    );
    expect(ingress).toHaveLength(2);
  });
});

describe('DataStack (staging: costs nothing for compute while idle)', () => {
  it('scales to 0 ACU and pauses after the configured idle minutes, on an engine version that supports it', () => {
    const { database } = built.config.staging;
    expect(database.minCapacityAcu).toBe(0);
    expect(stagingCluster.Properties.ServerlessV2ScalingConfiguration).toEqual({
      MinCapacity: 0,
      MaxCapacity: database.maxCapacityAcu,
      SecondsUntilAutoPause: database.autoPauseAfterMinutes! * 60,
    });
    // Auto-pause needs Aurora PostgreSQL 15.7 or later.
    const [major, minor] = String(stagingCluster.Properties.EngineVersion).split('.').map(Number);
    expect(major).toBe(15);
    expect(minor).toBeGreaterThanOrEqual(7);
  });

  it('has a writer and no reader', () => {
    const instances = resourcesOf(staging, 'AWS::RDS::DBInstance');
    expect(instances.map(([id]) => id)).toEqual([expect.stringMatching(/^Databasewriter/)]);
  });

  it('keeps the same protection and backups as production', () => {
    expect(stagingCluster).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: expect.objectContaining({
        DeletionProtection: true,
        StorageEncrypted: true,
        BackupRetentionPeriod: 7,
      }),
    });
  });

  it('rotates its secret from the function subnets, which reach Secrets Manager through its endpoint', () => {
    const rotation = resourcesOf(staging, 'AWS::Serverless::Application')[0]![1].Properties!;
    const subnets = JSON.stringify((rotation.Parameters as Record<string, unknown>).vpcSubnetIds);
    expect(subnets).toMatch(/PrivateSubnet/);
    expect(subnets).not.toMatch(/DatabaseSubnet/);
  });
});
