import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceBundle } from '../../../stages/constructs/private/bundling-options.js';
import { SERVICE_ENTRY_METADATA, ServiceFunction } from '../../../stages/constructs/service-function.js';
import { newestNodeRuntimeName } from '../runtime-expectations.js';
import { tempDir } from '../../helpers/temp-dir.js';

let template: Template;
let plain: ServiceFunction;
let stack: Stack;

beforeAll(() => {
  // GIVEN a stack without bundling (template properties only), one function in a VPC and one outside.
  const app = new App({
    outdir: tempDir('gm-cdk-fn-'),
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [] },
  });
  stack = new Stack(app, 'Functions', { env: { account: '222222222222', region: 'ap-northeast-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    natGateways: 1,
  });
  const securityGroup = new ec2.SecurityGroup(stack, 'Group', { vpc });
  plain = new ServiceFunction(stack, 'PlainFunction', {
    entry: 'services/notifier/handler.ts',
    serviceName: 'notifier',
  });
  new ServiceFunction(stack, 'VpcFunction', {
    entry: 'services/api/handlers/health.ts',
    serviceName: 'health',
    vpc,
    securityGroups: [securityGroup],
    timeout: Duration.minutes(2),
    environment: { APP_VERSION: 'abc123' },
  });
  template = Template.fromStack(stack);
});

const fn = (idPrefix: string) =>
  Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith(idPrefix))![1]
    .Properties;

describe('ServiceFunction', () => {
  it('defaults to the newest Node.js runtime aws-cdk-lib knows, arm64, 512 MB, 30 s and active tracing', () => {
    expect(fn('PlainFunction')).toMatchObject({
      Runtime: newestNodeRuntimeName(),
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 30,
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      Environment: {
        Variables: { POWERTOOLS_SERVICE_NAME: 'notifier', NODE_OPTIONS: '--enable-source-maps' },
      },
    });
    expect(fn('PlainFunction').VpcConfig).toBeUndefined();
  });

  it('bundles for the same Node.js major as the runtime, as minified ESM with the AWS SDK left out', () => {
    expect(serviceBundle.target).toBe(newestNodeRuntimeName().replace(/^nodejs(\d+)\.x$/, 'node$1'));
    // A real bundle (the notifier reads its webhook through the Secrets Manager client).
    const app = new App({ outdir: tempDir('gm-cdk-fn-bundle-'), builtinCloudFormationValidation: false });
    const bundled = new Stack(app, 'Bundled', { env: { account: '222222222222', region: 'ap-northeast-1' } });
    new ServiceFunction(bundled, 'NotifierFunction', {
      entry: 'services/notifier/handler.ts',
      serviceName: 'notifier',
    });
    const assembly = app.synth();
    const assetDir = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(assembly.directory, name))
      .find((dir) => existsSync(join(dir, 'index.mjs')));
    expect(assetDir).toBeDefined();
    const code = readFileSync(join(assetDir!, 'index.mjs'), 'utf8');
    expect(code).toMatch(/\bexport\s*\{/); // ESM
    expect(code.split('\n').length).toBeLessThan(500); // minified (unminified: some 17,000 lines)
    expect(code).toMatch(/["']@aws-sdk\/client-[a-z-]+["']/); // imported at run time, not bundled
    const map = JSON.parse(readFileSync(join(assetDir!, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.endsWith('services/notifier/handler.ts'))).toBe(true);
    expect(map.sources.filter((source) => source.includes('@aws-sdk/'))).toEqual([]);
  });

  it('writes to its own log group kept one month', () => {
    const logGroupId = (fn('PlainFunction').LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(template.toJSON().Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 30 },
    });
  });

  it('runs in the private subnets with egress with the given security group, timeout and environment', () => {
    const props = fn('VpcFunction');
    expect(props).toMatchObject({
      Timeout: 120,
      Environment: { Variables: { APP_VERSION: 'abc123', POWERTOOLS_SERVICE_NAME: 'health' } },
    });
    expect(JSON.stringify((props.VpcConfig as { SubnetIds: unknown }).SubnetIds)).toMatch(
      /PrivateSubnet1.*PrivateSubnet2/,
    );
  });

  it('records its handler module for tools that bundle the same entries (test/bench/synth.ts)', () => {
    expect(plain.entry).toBe('services/notifier/handler.ts');
    expect(plain.node.metadata.find((m) => m.type === SERVICE_ENTRY_METADATA)?.data).toBe(
      'services/notifier/handler.ts',
    );
  });
});
