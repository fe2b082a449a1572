import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { AssetHashType, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { serviceBundleOf } from './private/bundle-cache.js';
import { newestNodeRuntime } from './private/node-runtime.js';

/** Repository root, so entries can be given relative to it (`services/api/handlers/auth.ts`). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Construct metadata type recording each function's handler module (read by `test/bench/synth.ts`). */
export const SERVICE_ENTRY_METADATA = 'goal-mandala:entry';

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
 * the runtime (see `private/bundling-options.ts`). A bundle is built once per content and cached
 * (`private/bundle-cache.ts`): a synth where nothing that goes into it changed bundles nothing.
 */
export class ServiceFunction extends lambda.Function {
  /** Powertools service name, also used to label the function on dashboards. */
  readonly serviceName: string;
  /** Handler module, relative to the repository root. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: logs.RetentionDays.ONE_MONTH,
    });
    // Least privilege instead of AWSLambdaBasicExecutionRole (logs on every log group of the account):
    // write to its own log group only; in a VPC, also the network-interface actions Lambda needs.
    const role = new iam.Role(scope, `${id}ServiceRole`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Goal Mandala ${props.serviceName} function`,
    });
    logGroup.grantWrite(role);
    if (props.vpc) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      );
    }
    super(scope, id, {
      role,
      code: serviceCode(scope, repoRoot + props.entry),
      handler: 'index.handler',
      runtime: newestNodeRuntime(),
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      description: props.description ?? `Goal Mandala ${props.serviceName}`,
      vpc: props.vpc,
      vpcSubnets: props.vpc
        ? (props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS })
        : undefined,
      securityGroups: props.securityGroups,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...props.environment,
      },
    });
    this.serviceName = props.serviceName;
    this.entry = props.entry;
    this.node.addMetadata(SERVICE_ENTRY_METADATA, props.entry);
  }
}

/**
 * The function's code: its cached esbuild bundle, or, where the stack is not being bundled (the CLI's
 * `aws:cdk:bundling-stacks`, as for stacks a deploy leaves out), the entry file alone as a placeholder.
 */
function serviceCode(scope: Construct, entry: string): lambda.Code {
  if (!Stack.of(scope).bundlingRequired) {
    return lambda.Code.fromAsset(dirname(entry), {
      assetHashType: AssetHashType.CUSTOM,
      assetHash: createHash('sha256').update(`unbundled:${entry}`).digest('hex'),
      exclude: ['*', `!${basename(entry)}`],
    });
  }
  const bundle = serviceBundleOf({ entry, projectRoot: repoRoot });
  return lambda.Code.fromAsset(bundle.directory, {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: bundle.assetHash,
  });
}
