/** Alarms, dashboards, the trail, topics, budgets, keys and secrets. */
import { GB, NOT_PRICED, inUse, line, type Pricer, type PricingContext } from '../cost-line.js';
import { HOURS_PER_MONTH, PER_UNIT } from '../usage-assumptions.js';

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

/** Runs a month of a canary on a `rate(N minutes|hours)` schedule; the canary runs whether or not anyone visits. */
function canaryRunsPerMonth(expression: unknown): number | undefined {
  const match = /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(String(expression));
  if (!match) return undefined;
  const minutes = Number(match[1]) * (match[2]!.startsWith('hour') ? 60 : 1);
  return (HOURS_PER_MONTH * 60) / minutes;
}

const canary: Pricer = (c) => {
  const schedule = c.resource.Properties?.Schedule as { Expression?: unknown } | undefined;
  const runs = canaryRunsPerMonth(schedule?.Expression);
  if (runs === undefined) return NOT_PRICED;
  const usd = runs * c.price('syntheticsCanaryRun').usd;
  return [line(c, 'canary runs', usd, usd, `${Math.round(runs)} runs (${String(schedule?.Expression)})`)];
};

export const observabilityPricers: Readonly<Record<string, Pricer>> = {
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CloudWatch::Dashboard': dashboard,
  'AWS::CloudTrail::Trail': trail,
  'AWS::SNS::Topic': topic,
  'AWS::Budgets::Budget': budget,
  'AWS::KMS::Key': key,
  'AWS::SecretsManager::Secret': secret,
  'AWS::Synthetics::Canary': canary,
};
