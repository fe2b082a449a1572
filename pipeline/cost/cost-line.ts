/**
 * The shapes the cost report is made of: a synthesized stack's template, the lines a resource costs, and
 * what a pricer (one per billable resource type) receives to price one resource.
 */
import type { Price, PriceKey } from './price-table.js';
import type { StageTraffic } from './usage-assumptions.js';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

/** One synthesized stack: which part of the app it belongs to, where it deploys, and its template. */
export interface StackTemplate {
  /** `staging`, `production` or `pipeline` (the toolchain account's stack). */
  readonly group: string;
  readonly stackName: string;
  readonly region: string;
  readonly resources: Readonly<Record<string, CfnResource>>;
}

/** One priced item of one resource, per month. */
export interface CostLine {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  /** What is paid for, e.g. "2 instance(s) × 0.5 ACU floor". */
  readonly item: string;
  /** Zero traffic: always-on hours and monthly fees. */
  readonly baselineUsd: number;
  /** Baseline plus what the configured usage adds. */
  readonly atUsageUsd: number;
  /** What the figure assumed, in words. */
  readonly assumption: string;
}

/** A resource of a type no pricer knows: listed in the report, never silently left out. */
export interface UnpricedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
}

export interface PricingContext {
  readonly logicalId: string;
  readonly resource: CfnResource;
  readonly stack: StackTemplate;
  /** Every stack of the same group (a function's log group or a cluster may sit in another template). */
  readonly groupStacks: readonly StackTemplate[];
  /** The stage's month, or undefined for the pipeline group. */
  readonly traffic: StageTraffic | undefined;
  /** Pipeline runs a month (the toolchain group's usage). */
  readonly pipelineRunsPerMonth: number;
  /** Invocations a month of each function, by `<stack name>/<logical id>` (from `FUNCTION_TRAFFIC`). */
  readonly functionInvocations: ReadonlyMap<
    string,
    { invocations: number; averageMs: number; describe: string }
  >;
  price(key: PriceKey): Price;
}

/** Returned by a pricer for a shape of its type it cannot price (e.g. a provisioned database instance). */
export const NOT_PRICED = 'not priced';

/** A pricer returns the lines of one resource; an empty array means "no charge of its own". */
export type Pricer = (context: PricingContext) => CostLine[] | typeof NOT_PRICED;

/** A line for `context`'s resource. */
export function line(
  context: PricingContext,
  item: string,
  baselineUsd: number,
  atUsageUsd: number,
  assumption: string,
): CostLine {
  return {
    stackName: context.stack.stackName,
    logicalId: context.logicalId,
    type: context.resource.Type,
    item,
    baselineUsd,
    atUsageUsd,
    assumption,
  };
}

/** Whether the configured month has any use at all (API calls, drafts, or pipeline runs). */
export function inUse(context: PricingContext): boolean {
  return context.traffic
    ? context.traffic.apiCalls + context.traffic.aiDrafts > 0
    : context.pipelineRunsPerMonth > 0;
}

/** The construct path CDK records on every resource (`aws:cdk:path`), or the logical id. */
export function constructPath(resource: CfnResource, logicalId: string): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : logicalId;
}

export const GB = 1e9;
