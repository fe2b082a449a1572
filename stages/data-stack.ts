import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import { restrictKeyGrantsToAwsServices } from './constructs/restrict-key-grants.js';

export interface DataStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  /** Preferred backup window, UTC `hh:mm-hh:mm` (18:00-19:00 UTC is 03:00-04:00 in Tokyo). */
  readonly backupWindowUtc: string;
  /** Subnets of the functions; the secret-rotation function runs there (they reach Secrets Manager). */
  readonly functionSubnets: ec2.SubnetSelection;
  /**
   * Serverless v2 floor of each instance in ACU. 0 lets the cluster pause after `autoPauseAfter` without
   * connections (no compute billed; the first connection after a pause waits ~15 s while it resumes).
   * @default 0.5
   */
  readonly minCapacityAcu?: number;
  /** @default 2 */
  readonly maxCapacityAcu?: number;
  /**
   * Readers beside the writer, in promotion tier 1 (they follow the writer's capacity and fail over).
   * @default 1
   */
  readonly readers?: number;
  /**
   * Idle time before a 0-ACU cluster pauses (5 minutes – 1 day); only with `minCapacityAcu` 0.
   * @default - Aurora's default (5 minutes) when `minCapacityAcu` is 0
   */
  readonly autoPauseAfter?: Duration;
}

/**
 * Aurora Serverless v2 PostgreSQL 15 (writer + readers scaling with it; production 0.5–2 ACU with a reader,
 * staging 0–2 ACU pausing when idle, no reader) in the isolated subnets, encrypted with a rotating customer key, 7-day backups in the nightly window (UTC), deletion
 * protection, kept on stack deletion; generated credentials rotated every 30 days.
 *
 * Two logins: the master (owner of the schema: only the deploy-time migration reads its secret) and the
 * application login the API and workflow functions use (rows only; created and granted by the migration
 * step). The application secret rotates with alternating users (the master secret changes the passwords),
 * so the login a warm function caches stays valid until the rotation after the one that replaced it.
 */
export class DataStack extends Stack {
  readonly cluster: rds.DatabaseCluster;
  /** The master login (host, port, username, password); rotated; only the migration function reads it. */
  readonly databaseSecret: rds.DatabaseSecret;
  /** The application login (same fields, the cluster's host attached); rotated with alternating users. */
  readonly appDatabaseSecret: rds.DatabaseSecret;
  /** The application login's user; its rotation alternates with `<name>_clone`. */
  readonly appDatabaseUser = 'goalmandala_app';
  readonly databaseName = 'goalmandala';

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    const key = new kms.Key(this, 'DatabaseKey', {
      description: 'Goal Mandala Aurora storage and secret encryption',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictKeyGrantsToAwsServices(key);
    // Encrypted with the Secrets Manager key: with the customer key, every reader's grant would land in this
    // stack's key policy and make data depend on api (a cycle).
    const databaseSecret = new rds.DatabaseSecret(this, 'DatabaseSecret', { username: 'goalmandala' });

    // Referenced through this stack so rules the cluster adds (secret rotation → 5432) live here, not in
    // the network stack, which would then depend on the cluster's port: a cycle.
    const databaseSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(
      this,
      'DatabaseSecurityGroup',
      props.databaseSecurityGroup.securityGroupId,
      { allowAllOutbound: false },
    );
    const cluster = new rds.DatabaseCluster(this, 'Database', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_15_17,
      }),
      credentials: rds.Credentials.fromSecret(databaseSecret),
      defaultDatabaseName: this.databaseName,
      writer: rds.ClusterInstance.serverlessV2('writer'),
      readers: Array.from({ length: props.readers ?? 1 }, (_, index) =>
        rds.ClusterInstance.serverlessV2(index === 0 ? 'reader' : `reader${index + 1}`, {
          scaleWithWriter: true,
        }),
      ),
      serverlessV2MinCapacity: props.minCapacityAcu ?? 0.5,
      serverlessV2MaxCapacity: props.maxCapacityAcu ?? 2,
      serverlessV2AutoPauseDuration: props.autoPauseAfter,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseSecurityGroup],
      storageEncrypted: true,
      storageEncryptionKey: key,
      backup: { retention: Duration.days(7), preferredWindow: props.backupWindowUtc },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      iamAuthentication: true,
      // Enhanced monitoring: OS-level load of the serverless instances, every minute.
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['postgresql'],
    });
    // The rotation function calls the Secrets Manager API: it runs in the functions' subnets (a NAT route
    // or the Secrets Manager endpoint; the cluster's own subnets have no way out).
    cluster.addRotationSingleUser({
      automaticallyAfter: Duration.days(30),
      vpcSubnets: props.functionSubnets,
    });

    // The application login: the master secret (`masterarn`) creates `<user>_clone` and changes passwords.
    const appDatabaseSecret = new rds.DatabaseSecret(this, 'AppDatabaseSecret', {
      username: this.appDatabaseUser,
      masterSecret: databaseSecret,
    });
    cluster.addRotationMultiUser('AppDatabaseRotation', {
      // Attached: the cluster's host and port are added to the secret (the rotation and the functions need them).
      secret: appDatabaseSecret.attach(cluster),
      automaticallyAfter: Duration.days(30),
      vpcSubnets: props.functionSubnets,
      // The login exists only once the api stack's migration step has created it: no rotation at creation.
      rotateImmediatelyOnUpdate: false,
    });

    this.cluster = cluster;
    this.databaseSecret = databaseSecret;
    this.appDatabaseSecret = appDatabaseSecret;
  }
}
