/** Alarms, dashboards, the trail, topics, budgets, keys and secrets. */
import { GB, inUse, line, type Pricer, type PricingContext } from '../cost-line.js';
import { PER_UNIT } from '../usage-assumptions.js';

/** Management events a month an account's trail delivers into CloudWatch Logs (deploys, console, SDKs). */
const MANAGEMENT_EVENTS = 30_000;
const TRAIL_EVENT_BYTES = 1_500;

const alarm: Pricer = (c) => {
  const metrics = c.resource.Properties?.Metrics;
  const count = Array.isArray(metrics)
    ? metrics.filter((m) => (m as Record<string, unknown>).MetricStat !== undefined).length
    : 1;
  const usd = count * c.price('alarmMetricMonth').usd;
  return [line(c, `${count} alarm metric(s)`, usd, usd, 'standard resolution')];
};

const dashboard: Pricer = (c) => {
  const usd = c.price('dashboardMonth').usd;
  return [line(c, 'dashboard', usd, usd, 'priced although the first 3 of an account are free')];
};

/** Invocations a month of every modelled function of the group: Lambda data events of the trail. */
function groupInvocations(c: PricingContext): number {
  return [...c.functionInvocations.values()].reduce((sum, f) => sum + f.invocations, 0);
}

const trail: Pricer = (c) => {
  const selectors = JSON.stringify(c.resource.Properties?.EventSelectors ?? []);
  const lambdaEvents = selectors.includes('AWS::Lambda::Function') ? groupInvocations(c) : 0;
  const s3Events = selectors.includes('AWS::S3::Object') && inUse(c) ? PER_UNIT.bucketRequests : 0;
  const dataEvents = lambdaEvents + s3Events;
  const toLogs = c.resource.Properties?.CloudWatchLogsLogGroupArn !== undefined;
  const perGb = c.price('logsIngestGb').usd;
  const logs = (events: number) => (toLogs ? ((events * TRAIL_EVENT_BYTES) / GB) * perGb : 0);
  return [
    line(
      c,
      'data events',
      0,
      (dataEvents / 100_000) * c.price('cloudTrailDataEventsHundredThousand').usd,
      `${Math.round(dataEvents)} events: every modelled function invocation, ${s3Events} site-bucket object events`,
    ),
    ...(toLogs
      ? [
          line(
            c,
            'delivery into CloudWatch Logs',
            logs(MANAGEMENT_EVENTS),
            logs(MANAGEMENT_EVENTS + dataEvents),
            `${MANAGEMENT_EVENTS} management events (first copy free) + data events, ${TRAIL_EVENT_BYTES} B each`,
          ),
        ]
      : []),
  ];
};

const topic: Pricer = (c) => [
  line(c, 'publishes and e-mails', 0, 0, 'a few alarms a month: within the free 1,000 e-mails'),
];

const budget: Pricer = (c) => {
  const usd = c.price('budgetMonth').usd;
  return [line(c, 'budget', usd, usd, 'no budget actions')];
};

const key: Pricer = (c) => {
  const month = c.price('kmsKeyMonth').usd;
  const requests = inUse(c) ? PER_UNIT.kmsRequestsPerKey : 0;
  const rotates = c.resource.Properties?.EnableKeyRotation === true;
  return [
    line(
      c,
      'customer managed key',
      month,
      month + (requests / 10_000) * c.price('kmsRequests10k').usd,
      `${requests} requests at usage${rotates ? '; rotation adds 1 USD/month after each of the first two yearly rotations' : ''}`,
    ),
  ];
};

const secret: Pricer = (c) => {
  const month = c.price('secretMonth').usd;
  const calls = groupInvocations(c) / PER_UNIT.invocationsPerSecretCall;
  return [
    line(
      c,
      'secret',
      month,
      month + (calls / 10_000) * c.price('secretApiCalls10k').usd,
      `${Math.round(calls)} API calls: one per ${PER_UNIT.invocationsPerSecretCall} invocations (cached)`,
    ),
  ];
};

export const observabilityPricers: Readonly<Record<string, Pricer>> = {
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CloudWatch::Dashboard': dashboard,
  'AWS::CloudTrail::Trail': trail,
  'AWS::SNS::Topic': topic,
  'AWS::Budgets::Budget': budget,
  'AWS::KMS::Key': key,
  'AWS::SecretsManager::Secret': secret,
};
