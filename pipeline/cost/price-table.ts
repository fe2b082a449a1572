/**
 * The prices `npm run cost` uses: on-demand list prices in USD, one table per region, each price with the
 * public page it was read from and the day it was read. Free tiers are NOT subtracted (they differ per
 * account and age), so estimates lean high.
 *
 * REFRESH BY the table's `refreshBy` date (`npm run cost` warns after it, a year after `readOn`): open each
 * source page, pick the region, update `usd` and `readOn`; see docs/runbook.md, "Cost".
 */

export interface Price {
  readonly usd: number;
  /** What one `usd` buys, e.g. "ACU-hour", "million requests". */
  readonly per: string;
  readonly source: string;
  /** ISO date the price was read from `source`. */
  readonly readOn: string;
  /** Anything the reader of the report should know about this price (tier, what it leaves out). */
  readonly note?: string;
}

export type PriceKey =
  | 'auroraAcuHour'
  | 'auroraStorageGbMonth'
  | 'auroraIoMillion'
  | 'natGatewayHour'
  | 'natGatewayGb'
  | 'publicIpv4Hour'
  | 'interfaceEndpointAzHour'
  | 'interfaceEndpointGb'
  | 'kmsKeyMonth'
  | 'kmsRequests10k'
  | 'secretMonth'
  | 'secretApiCalls10k'
  | 'alarmMetricMonth'
  | 'dashboardMonth'
  | 'logsIngestGb'
  | 'logsStorageGbMonth'
  | 'vendedLogsIngestGb'
  | 'lambdaRequestsMillion'
  | 'lambdaArmGbSecond'
  | 'lambdaX86GbSecond'
  | 'apiGatewayRestMillion'
  | 'cloudFrontGbJapan'
  | 'cloudFrontHttpsRequests10k'
  | 'cloudFrontFunctionMillion'
  | 'cloudFrontKeyValueStoreReadMillion'
  | 's3StorageGbMonth'
  | 's3PutThousand'
  | 's3GetThousand'
  | 'stepFunctionsTransitionThousand'
  | 'bedrockHaikuInputThousandTokens'
  | 'bedrockHaikuOutputThousandTokens'
  | 'cloudTrailDataEventsHundredThousand'
  | 'xrayTracesMillion'
  | 'snsEmailHundredThousand'
  | 'snsPublishMillion'
  | 'codePipelineV2ActionMinute'
  | 'codeBuildSmallMinute'
  | 'codeBuildMediumMinute'
  | 'codeBuildLargeMinute'
  | 'budgetMonth'
  | 'syntheticsCanaryRun';

export interface PriceTable {
  readonly region: string;
  /** The oldest `readOn` of the table: the day the whole table was last refreshed. */
  readonly readOn: string;
  /** A year after `readOn`: refresh before this day (`npm run cost` warns after it). */
  readonly refreshBy: string;
  readonly prices: Readonly<Record<PriceKey, Price>>;
}

const READ_ON = '2026-12-01';
const page = {
  aurora: 'https://aws.amazon.com/rds/aurora/pricing/',
  vpc: 'https://aws.amazon.com/vpc/pricing/',
  privateLink: 'https://aws.amazon.com/privatelink/pricing/',
  kms: 'https://aws.amazon.com/kms/pricing/',
  secrets: 'https://aws.amazon.com/secrets-manager/pricing/',
  cloudWatch: 'https://aws.amazon.com/cloudwatch/pricing/',
  lambda: 'https://aws.amazon.com/lambda/pricing/',
  apiGateway: 'https://aws.amazon.com/api-gateway/pricing/',
  cloudFront: 'https://aws.amazon.com/cloudfront/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  stepFunctions: 'https://aws.amazon.com/step-functions/pricing/',
  bedrock: 'https://aws.amazon.com/bedrock/pricing/',
  cloudTrail: 'https://aws.amazon.com/cloudtrail/pricing/',
  xray: 'https://aws.amazon.com/xray/pricing/',
  sns: 'https://aws.amazon.com/sns/pricing/',
  codePipeline: 'https://aws.amazon.com/codepipeline/pricing/',
  codeBuild: 'https://aws.amazon.com/codebuild/pricing/',
  budgets: 'https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/',
  synthetics: 'https://aws.amazon.com/cloudwatch/pricing/',
} as const;

const price = (usd: number, per: string, source: string, note?: string): Price => ({
  usd,
  per,
  source,
  readOn: READ_ON,
  ...(note ? { note } : {}),
});

/** Asia Pacific (Tokyo). */
const tokyo: PriceTable = {
  region: 'ap-northeast-1',
  readOn: READ_ON,
  refreshBy: '2027-12-01',
  prices: {
    auroraAcuHour: price(0.2, 'ACU-hour', page.aurora, 'Aurora Serverless v2, Aurora Standard'),
    auroraStorageGbMonth: price(0.12, 'GB-month', page.aurora, 'Aurora Standard storage'),
    auroraIoMillion: price(0.24, 'million I/O requests', page.aurora, 'Aurora Standard'),
    natGatewayHour: price(0.062, 'NAT gateway-hour', page.vpc),
    natGatewayGb: price(0.062, 'GB processed', page.vpc),
    publicIpv4Hour: price(0.005, 'public IPv4 address-hour', page.vpc, 'the NAT gateway’s Elastic IP'),
    interfaceEndpointAzHour: price(0.014, 'endpoint-hour per zone', page.privateLink),
    interfaceEndpointGb: price(0.01, 'GB processed', page.privateLink, 'first PB'),
    kmsKeyMonth: price(
      1,
      'key-month',
      page.kms,
      'each automatic rotation adds 1 USD/month for the first two',
    ),
    kmsRequests10k: price(0.03, '10,000 requests', page.kms),
    secretMonth: price(0.4, 'secret-month', page.secrets),
    secretApiCalls10k: price(0.05, '10,000 API calls', page.secrets),
    alarmMetricMonth: price(0.1, 'standard-resolution alarm metric-month', page.cloudWatch),
    dashboardMonth: price(
      3,
      'dashboard-month',
      page.cloudWatch,
      'the first 3 dashboards of an account are free',
    ),
    logsIngestGb: price(0.76, 'GB ingested', page.cloudWatch, 'standard log class'),
    logsStorageGbMonth: price(0.033, 'GB-month stored', page.cloudWatch),
    vendedLogsIngestGb: price(
      0.76,
      'GB ingested (vended logs)',
      page.cloudWatch,
      'first 10 TB, e.g. flow logs',
    ),
    lambdaRequestsMillion: price(0.2, 'million requests', page.lambda),
    lambdaArmGbSecond: price(0.0000133334, 'GB-second (arm64)', page.lambda, 'first 7.5 billion GB-s tier'),
    lambdaX86GbSecond: price(0.0000166667, 'GB-second (x86_64)', page.lambda, 'first 6 billion GB-s tier'),
    apiGatewayRestMillion: price(4.25, 'million REST API calls', page.apiGateway, 'first 333 million'),
    cloudFrontGbJapan: price(0.114, 'GB out to Japan', page.cloudFront, 'first 10 TB; no flat-rate plan'),
    cloudFrontHttpsRequests10k: price(0.012, '10,000 HTTPS requests (Japan)', page.cloudFront),
    cloudFrontFunctionMillion: price(0.1, 'million function invocations', page.cloudFront),
    cloudFrontKeyValueStoreReadMillion: price(0.03, 'million KeyValueStore reads', page.cloudFront),
    s3StorageGbMonth: price(0.025, 'GB-month (S3 Standard)', page.s3, 'first 50 TB'),
    s3PutThousand: price(0.0047, '1,000 PUT/COPY/POST/LIST', page.s3),
    s3GetThousand: price(0.00037, '1,000 GET', page.s3),
    stepFunctionsTransitionThousand: price(0.025, '1,000 state transitions', page.stepFunctions, 'Standard'),
    bedrockHaikuInputThousandTokens: price(0.00025, '1,000 input tokens', page.bedrock, 'Claude 3 Haiku'),
    bedrockHaikuOutputThousandTokens: price(0.00125, '1,000 output tokens', page.bedrock, 'Claude 3 Haiku'),
    cloudTrailDataEventsHundredThousand: price(0.1, '100,000 data events', page.cloudTrail),
    xrayTracesMillion: price(5, 'million traces recorded', page.xray),
    snsEmailHundredThousand: price(2, '100,000 e-mail notifications', page.sns),
    snsPublishMillion: price(0.5, 'million publishes', page.sns, 'deliveries to Lambda are free'),
    codePipelineV2ActionMinute: price(
      0.002,
      'action execution minute',
      page.codePipeline,
      'V2; manual approvals free',
    ),
    codeBuildSmallMinute: price(
      0.005,
      'build minute (general1.small)',
      page.codeBuild,
      'US East rate, Tokyo unconfirmed',
    ),
    codeBuildMediumMinute: price(
      0.01,
      'build minute (general1.medium)',
      page.codeBuild,
      'US East rate, Tokyo unconfirmed',
    ),
    codeBuildLargeMinute: price(
      0.02,
      'build minute (general1.large)',
      page.codeBuild,
      'US East rate, Tokyo unconfirmed',
    ),
    budgetMonth: price(0, 'budget-month', page.budgets, 'budgets without actions are free'),
    syntheticsCanaryRun: price(
      0.0012,
      'canary run',
      page.synthetics,
      "US East rate, Tokyo unconfirmed; the canary's own Lambda and artifact storage are billed beside it",
    ),
  },
};

export const PRICE_TABLES: Readonly<Record<string, PriceTable>> = { [tokyo.region]: tokyo };

/** The table of a region, or an error naming the region (prices are never guessed from another). */
export function priceTableFor(region: string): PriceTable {
  const table = PRICE_TABLES[region];
  if (!table) {
    throw new Error(
      `cost: no price table for region ${region} (pipeline/cost/price-table.ts has ${Object.keys(PRICE_TABLES).join(', ')})`,
    );
  }
  return table;
}
