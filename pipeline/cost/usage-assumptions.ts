/**
 * What one unit of use costs in requests, bytes, seconds and tokens: the fixed per-unit assumptions the
 * cost report multiplies by each stage's configured usage (`goalMandala.<stage>.usage` in cdk.json).
 * They are estimates from the code's shape (a draft is one model call for the sub-goals plus one per
 * sub-goal), not measurements: when the bill disagrees, change them here and say why.
 */
import type { UsageAssumptions } from '../../stages/stage-config.js';

export type { UsageAssumptions };

export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** Fixed per-unit assumptions, each with the words the report prints beside it. */
export const PER_UNIT = {
  /** Average duration of an API function invocation (a database round trip or two). */
  apiFunctionMs: 150,
  /** API Gateway's execution and access log lines of one call. */
  logBytesPerApiCall: 2_000,
  /** A function's own and the platform's (START/END/REPORT) log lines of one invocation. */
  logBytesPerInvocation: 1_000,
  /** CloudFront requests per API call: the call itself plus pages, scripts and images (mostly cached). */
  cloudFrontRequestsPerApiCall: 1.5,
  /** Aurora storage I/O requests per API call (cache misses and page writes). */
  auroraIoPerApiCall: 5,
  /** A draft: one model call for the sub-goals, one per sub-goal (8) for the actions. */
  modelCallsPerDraft: 9,
  inputTokensPerModelCall: 800,
  outputTokensPerModelCall: 600,
  /** Seconds a model step waits for Bedrock. */
  modelCallSeconds: 6,
  /** Database steps of a draft (start, save, and the failure path's share). */
  databaseStepsPerDraft: 2,
  databaseStepMs: 300,
  /** State transitions of one draft: the top-level states plus the Map's 8 iterations. */
  stateTransitionsPerDraft: 16,
  /** Execution log events of one transition (level ALL, without execution data). */
  logBytesPerStateTransition: 300,
  /** Bytes through the NAT gateway or endpoints: a draft's model calls; an API call's secret/SFN share. */
  egressBytesPerDraft: 100_000,
  egressBytesPerApiCall: 500,
  /** Flow log bytes: records of each API call's connections, and an idle VPC's background. */
  flowLogBytesPerApiCall: 1_000,
  flowLogGbIdle: 0.05,
  /** A Secrets Manager call per this many invocations (functions cache the secret). */
  invocationsPerSecretCall: 100,
  /** Enhanced monitoring: one ~5 KB RDSOSMetrics record per interval and awake instance. */
  enhancedMonitoringBytesPerSample: 5_000,
  /** PostgreSQL log export per stage and month. */
  postgresLogGbPerMonth: 0.1,
  /** A bucket's data and requests at usage (site files, trail logs, artifacts). */
  bucketGb: 1,
  bucketRequests: 10_000,
  /** KMS requests a key serves a month at usage (data keys are cached by the services). */
  kmsRequestsPerKey: 10_000,
} as const;

/** The month of one stage in units the pricers need. */
export interface StageTraffic {
  readonly apiCalls: number;
  readonly aiDrafts: number;
  readonly cloudFrontRequests: number;
  readonly gbServed: number;
  readonly usage: UsageAssumptions;
}

export function stageTraffic(usage: UsageAssumptions): StageTraffic {
  const apiCalls = usage.monthlyActiveUsers * usage.apiCallsPerUser;
  return {
    apiCalls,
    aiDrafts: usage.aiDraftsPerMonth,
    cloudFrontRequests: apiCalls * PER_UNIT.cloudFrontRequestsPerApiCall,
    gbServed: usage.gbServedPerMonth,
    usage,
  };
}

/**
 * Which functions serve which traffic, by their construct path (`aws:cdk:path`, or `<stack id>/<logical id>`
 * when the app was synthesized without path metadata). Every matching function
 * takes an equal share of `invocations`; a function no rule matches runs only at deploy time or on rare
 * events (rotation, alarms) and is priced at zero use.
 */
export interface FunctionTrafficRule {
  readonly path: RegExp;
  readonly describe: string;
  readonly invocations: (traffic: StageTraffic) => number;
  readonly averageMs: number;
}

export const FUNCTION_TRAFFIC: readonly FunctionTrafficRule[] = [
  {
    path: /(^|\/)Api\/(?!Migrate)\w*Function/,
    describe: 'its share of the API calls',
    invocations: (t) => t.apiCalls,
    averageMs: PER_UNIT.apiFunctionMs,
  },
  {
    path: /(^|\/)Workflow\/DraftSubGoalsFunction/,
    describe: 'one model call per draft',
    invocations: (t) => t.aiDrafts,
    averageMs: PER_UNIT.modelCallSeconds * 1000,
  },
  {
    path: /(^|\/)Workflow\/DraftActionsFunction/,
    describe: 'one model call per sub-goal of each draft',
    invocations: (t) => t.aiDrafts * (PER_UNIT.modelCallsPerDraft - 1),
    averageMs: PER_UNIT.modelCallSeconds * 1000,
  },
  {
    path: /(^|\/)Workflow\/(StartJob|SaveDrafts)Function/,
    describe: 'one database step per draft',
    invocations: (t) => t.aiDrafts,
    averageMs: PER_UNIT.databaseStepMs,
  },
];

/** The toolchain account's month: pipeline runs and the minutes each kind of step takes. */
export const PIPELINE_ASSUMPTIONS = {
  /** The Build project (lint, types, tests, synth with every compliance pack). */
  buildMinutes: 15,
  /** Any other CodeBuild project (self-mutation, assets, health checks, smoke tests). */
  otherProjectMinutes: 3,
  /** A CloudFormation deploy action. */
  deployActionMinutes: 4,
  /** Source and other quick actions. */
  otherActionMinutes: 1,
} as const;
