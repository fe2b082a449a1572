/** VPC: the NAT gateway and its address, interface endpoints, flow logs. */
import { GB, line, type Pricer, type PricingContext } from '../cost-line.js';
import { HOURS_PER_MONTH, PER_UNIT } from '../usage-assumptions.js';

/** GB the VPC's functions send to AWS APIs (through the NAT gateway or the endpoints). */
export function egressGb(context: PricingContext): number {
  const traffic = context.traffic;
  if (!traffic) return 0;
  return (
    (traffic.aiDrafts * PER_UNIT.egressBytesPerDraft + traffic.apiCalls * PER_UNIT.egressBytesPerApiCall) / GB
  );
}

const natGateway: Pricer = (c) => {
  const hours = HOURS_PER_MONTH * c.price('natGatewayHour').usd;
  const gb = egressGb(c);
  return [
    line(c, `${HOURS_PER_MONTH} NAT gateway-hours`, hours, hours, 'always on'),
    line(
      c,
      'data processed',
      0,
      gb * c.price('natGatewayGb').usd,
      `${round(gb)} GB: ${PER_UNIT.egressBytesPerDraft / 1000} KB per AI draft, ${PER_UNIT.egressBytesPerApiCall} B per API call`,
    ),
  ];
};

const elasticIp: Pricer = (c) => {
  const usd = HOURS_PER_MONTH * c.price('publicIpv4Hour').usd;
  return [
    line(c, `${HOURS_PER_MONTH} public IPv4 address-hours`, usd, usd, 'always attached (the NAT gateway)'),
  ];
};

const vpcEndpoint: Pricer = (c) => {
  const kind = c.resource.Properties?.VpcEndpointType ?? 'Gateway';
  if (kind !== 'Interface') return [];
  const zones = Array.isArray(c.resource.Properties?.SubnetIds) ? c.resource.Properties.SubnetIds.length : 1;
  const hours = zones * HOURS_PER_MONTH * c.price('interfaceEndpointAzHour').usd;
  const endpoints = c.groupStacks
    .flatMap((stack) => Object.values(stack.resources))
    .filter(
      (r) => r.Type === 'AWS::EC2::VPCEndpoint' && r.Properties?.VpcEndpointType === 'Interface',
    ).length;
  const gb = egressGb(c) / Math.max(endpoints, 1);
  return [
    line(c, `${zones} zone(s) × ${HOURS_PER_MONTH} endpoint-hours`, hours, hours, 'always on'),
    line(
      c,
      'data processed',
      0,
      gb * c.price('interfaceEndpointGb').usd,
      `${round(gb)} GB: an equal share of the egress`,
    ),
  ];
};

const flowLog: Pricer = (c) => {
  if (c.resource.Properties?.LogDestinationType === 's3') return [];
  const idle = PER_UNIT.flowLogGbIdle;
  const busy = ((c.traffic?.apiCalls ?? 0) * PER_UNIT.flowLogBytesPerApiCall) / GB;
  const perGb = c.price('vendedLogsIngestGb').usd;
  return [
    line(
      c,
      'flow log records into CloudWatch Logs',
      idle * perGb,
      (idle + busy) * perGb,
      `${idle} GB idle; ${PER_UNIT.flowLogBytesPerApiCall} B of records per API call`,
    ),
  ];
};

function round(value: number): string {
  return value.toFixed(value < 1 ? 3 : 1);
}

export const networkPricers: Readonly<Record<string, Pricer>> = {
  'AWS::EC2::NatGateway': natGateway,
  'AWS::EC2::EIP': elasticIp,
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
  'AWS::EC2::FlowLog': flowLog,
};
