import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';

/** Repository root, so entries can be given relative to it (`services/api/handlers/auth.ts`). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceFunctionProps {
  /** Handler module, relative to the repository root; it must export `handler`. */
  readonly entry: string;
  /** Shown in logs and traces (Powertools service name). */
  readonly serviceName: string;
  /** Extra environment; never a secret value — pass secrets by ARN and read them at run time. */
  readonly environment?: Record<string, string>;
  /** @default - not in a VPC */
  readonly vpc?: ec2.IVpc;
  /** @default - the VPC's private subnets with egress */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** @default - none */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default - a short description naming the service */
  readonly description?: string;
}

/**
 * Every project Lambda is built here, so its defaults are fixed in one place:
 * the newest Node.js runtime aws-cdk-lib knows, arm64, 512 MB, 30 s, X-Ray active, its own log group
 * kept one month, ESM bundle by local esbuild (no Docker), minified, with source maps, AWS SDK v3 left to
 * the runtime.
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: logs.RetentionDays.ONE_MONTH,
    });
    super(scope, id, {
      entry: repoRoot + props.entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      description: props.description ?? `Goal Mandala ${props.serviceName}`,
      vpc: props.vpc,
      vpcSubnets: props.vpc ? (props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }) : undefined,
      securityGroups: props.securityGroups,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...props.environment,
      },
      depsLockFilePath: repoRoot + 'package-lock.json',
      projectRoot: repoRoot,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        // ESM bundles of CommonJS dependencies still call require().
        banner: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);",
      },
    });
  }
}
