import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestStages, resourcesOf, type TestStages } from '../helpers/test-app.js';

let built: TestStages;
let template: ReturnType<TestStages['template']>;
let staging: ReturnType<TestStages['template']>;

beforeAll(() => {
  built = buildTestStages({ stages: ['staging', 'production'] });
  // Production's shape (a NAT gateway) is the design's; staging's (endpoints, no NAT) is below.
  template = built.template(built.stages.production!.network);
  staging = built.template(built.staging.network);
});

type Props = Record<string, unknown>;
const subnets = () =>
  resourcesOf(template, 'AWS::EC2::Subnet').map(
    ([id, s]) => ({ ...s.Properties, id }) as Props & { id: string },
  );
const routesOf = (subnetId: string) => {
  const association = resourcesOf(template, 'AWS::EC2::SubnetRouteTableAssociation').find(
    ([, a]) => (a.Properties!.SubnetId as { Ref: string }).Ref === subnetId,
  )!;
  const tableId = (association[1].Properties!.RouteTableId as { Ref: string }).Ref;
  return resourcesOf(template, 'AWS::EC2::Route')
    .map(([, r]) => r.Properties as Props)
    .filter((r) => (r.RouteTableId as { Ref: string }).Ref === tableId);
};

describe('NetworkStack (production: egress through a NAT gateway)', () => {
  it('creates the 10.0.0.0/16 VPC over the two configured zones with one NAT gateway', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    expect(resourcesOf(template, 'AWS::EC2::NatGateway')).toHaveLength(1);
    const zones = new Set(subnets().map((s) => s.AvailabilityZone));
    expect([...zones].sort()).toEqual([...built.config.production.availabilityZones].sort());
  });

  it('has public, private-with-egress and isolated subnets, two of each; only isolated ones have no way out', () => {
    const byKind = (kind: string) => subnets().filter((s) => s.id.startsWith(`Vpc${kind}Subnet`));
    for (const kind of ['Public', 'Private', 'Database']) expect(byKind(kind), kind).toHaveLength(2);
    for (const subnet of byKind('Public')) {
      // Only the NAT gateway (with its own Elastic IP) lives there: nothing gets a public IP by default.
      expect(subnet.MapPublicIpOnLaunch).toBe(false);
      expect(routesOf(subnet.id)).toEqual([
        expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: expect.anything() }),
      ]);
    }
    for (const subnet of byKind('Private')) {
      expect(routesOf(subnet.id)).toEqual([
        expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: expect.anything() }),
      ]);
    }
    for (const subnet of byKind('Database')) expect(routesOf(subnet.id), subnet.id).toEqual([]);
  });

  it('lets only the Lambda security group reach the database group, on 5432, and the database reach nothing', () => {
    const [dbGroupId] = resourcesOf(template, 'AWS::EC2::SecurityGroup').find(([id]) =>
      id.startsWith('DatabaseSecurityGroup'),
    )!;
    const [lambdaGroupId] = resourcesOf(template, 'AWS::EC2::SecurityGroup').find(([id]) =>
      id.startsWith('LambdaSecurityGroup'),
    )!;
    const ingress = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
    expect(ingress).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        GroupId: { 'Fn::GetAtt': [dbGroupId, 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': [lambdaGroupId, 'GroupId'] },
      }),
    ]);
    const dbGroup = template.toJSON().Resources[dbGroupId].Properties;
    expect(dbGroup.SecurityGroupIngress ?? []).toEqual([]);
    // CDK's "no outbound" marker rule: nothing leaves the database group.
    expect(dbGroup.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
  });

  it('records all VPC traffic in flow logs kept one month', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });
});

describe('NetworkStack (staging: egress through interface endpoints, no NAT)', () => {
  const stagingResources = (type: string) => resourcesOf(staging, type);
  const stagingSubnets = () =>
    stagingResources('AWS::EC2::Subnet').map(
      ([id, s]) => ({ ...s.Properties, id }) as Props & { id: string },
    );

  it('has no NAT gateway, Elastic IP, internet gateway or public subnet', () => {
    expect(built.config.staging.egress).toBe('vpc-endpoints');
    for (const type of [
      'AWS::EC2::NatGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::InternetGateway',
      'AWS::EC2::Route',
    ]) {
      expect(stagingResources(type), type).toEqual([]);
    }
    const ids = stagingSubnets().map((s) => s.id);
    expect(ids.filter((id) => id.startsWith('VpcPublic'))).toEqual([]);
    expect(ids.filter((id) => id.startsWith('VpcPrivate'))).toHaveLength(2);
    expect(ids.filter((id) => id.startsWith('VpcDatabase'))).toHaveLength(2);
  });

  it('keeps the address plan of production (the public range stays reserved)', () => {
    const cidrs = (subnetList: (Props & { id: string })[], kind: string) =>
      subnetList.filter((s) => s.id.startsWith(`Vpc${kind}`)).map((s) => s.CidrBlock);
    for (const kind of ['Private', 'Database']) {
      expect(cidrs(stagingSubnets(), kind), kind).toEqual(cidrs(subnets(), kind));
    }
  });

  it('reaches Secrets Manager, Step Functions, Bedrock and SES through private endpoints in the first zone only', () => {
    const endpoints = stagingResources('AWS::EC2::VPCEndpoint').map(([, e]) => e.Properties!);
    const services = endpoints.map((e) => JSON.stringify(e.ServiceName));
    expect(
      services.map((name) => name.match(/\.(secretsmanager|states|bedrock-runtime|email)"/)?.[1]).sort(),
    ).toEqual(['bedrock-runtime', 'email', 'secretsmanager', 'states']);
    const firstZonePrivate = stagingSubnets().find(
      (s) =>
        s.id.startsWith('VpcPrivate') && s.AvailabilityZone === built.config.staging.availabilityZones[0],
    )!;
    for (const endpoint of endpoints) {
      expect(endpoint).toMatchObject({ VpcEndpointType: 'Interface', PrivateDnsEnabled: true });
      expect(endpoint.SubnetIds).toEqual([{ Ref: firstZonePrivate.id }]);
    }
  });

  it('admits only HTTPS from the function subnets to the endpoints', () => {
    const privateCidrs = stagingSubnets()
      .filter((s) => s.id.startsWith('VpcPrivate'))
      .map((s) => s.CidrBlock)
      .sort();
    const endpointGroups = stagingResources('AWS::EC2::SecurityGroup').filter(([id]) =>
      id.includes('Endpoint'),
    );
    expect(endpointGroups).toHaveLength(4);
    for (const [, group] of endpointGroups) {
      const ingress = group.Properties!.SecurityGroupIngress as Props[];
      expect(ingress.map((rule) => rule.CidrIp).sort()).toEqual(privateCidrs);
      for (const rule of ingress)
        expect(rule).toMatchObject({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 });
    }
  });
});
