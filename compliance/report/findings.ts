/**
 * The parts of aws-cdk-lib's `validation-report.json` the compliance report reads
 * (schema: `PolicyValidationReportJson` in @aws-cdk/cloud-assembly-schema), and the findings made from it.
 */
export interface ValidationReportJson {
  readonly version?: string;
  readonly pluginReports: readonly PluginReportJson[];
}

export interface PluginReportJson {
  readonly pluginName: string;
  readonly pluginVersion?: string;
  readonly conclusion: 'success' | 'failure';
  /** `metadata.error` is set when the plugin itself failed to run. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly violations: readonly ViolationJson[];
  readonly suppressedViolations?: readonly SuppressedViolationJson[];
}

export interface ViolationJson {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly customSeverity?: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
}

export interface SuppressedViolationJson extends ViolationJson {
  readonly acknowledgedId: string;
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}

/** A stack of the cloud assembly: where findings are grouped. */
export interface AssemblyStack {
  /** Construct path of the stack, e.g. `GoalMandalaPipeline/Staging/Api`. */
  readonly path: string;
  /** The stage it deploys with (`Staging`, `Production`), or the app for top-level stacks. */
  readonly stage: string;
  /** The stack's name within its stage (`Api`), or its path for top-level stacks. */
  readonly stack: string;
}

/** One rule × resource result: unacknowledged (fails the build) or acknowledged with its reason. */
export interface ReportedFinding {
  readonly pack: string;
  readonly rule: string;
  readonly severity: string;
  readonly description: string;
  readonly constructPath: string;
  readonly stage: string;
  readonly stack: string;
  readonly acknowledgement?: { readonly reason: string; readonly at: string };
}

/** A pack that could not run at all: as serious as a finding, since nothing was checked. */
export interface PackFailure {
  readonly pack: string;
  readonly error: string;
}

export const APP_STAGE = '(app)';

/** The stack whose path is the longest prefix of the construct path. */
export function locate(
  constructPath: string,
  stacks: readonly AssemblyStack[],
): { stage: string; stack: string } {
  let best: AssemblyStack | undefined;
  for (const candidate of stacks) {
    const inside = constructPath === candidate.path || constructPath.startsWith(`${candidate.path}/`);
    if (inside && (!best || candidate.path.length > best.path.length)) best = candidate;
  }
  return best
    ? { stage: best.stage, stack: best.stack }
    : { stage: APP_STAGE, stack: constructPath.split('/')[0] ?? '' };
}

/**
 * Flattens the report into findings, sorted by stage and stack (in assembly order), pack,
 * unacknowledged first, then rule and construct path.
 */
export function collectFindings(
  report: ValidationReportJson,
  stacks: readonly AssemblyStack[],
): ReportedFinding[] {
  const findings: ReportedFinding[] = [];
  for (const plugin of report.pluginReports) {
    const add = (violation: ViolationJson, acknowledgement?: ReportedFinding['acknowledgement']) => {
      for (const { constructPath } of violation.violatingConstructs) {
        findings.push({
          pack: plugin.pluginName,
          rule: violation.ruleName,
          severity: violation.customSeverity ?? violation.severity,
          description: violation.description,
          constructPath,
          ...locate(constructPath, stacks),
          ...(acknowledgement ? { acknowledgement } : {}),
        });
      }
    };
    for (const violation of plugin.violations) add(violation);
    for (const suppressed of plugin.suppressedViolations ?? []) {
      add(suppressed, {
        reason: suppressed.reason ?? '(no reason given)',
        at: suppressed.acknowledgedAt ?? '',
      });
    }
  }
  const stageOrder = [APP_STAGE, ...new Set(stacks.map((s) => s.stage))];
  const stackOrder = stacks.map((s) => `${s.stage}/${s.stack}`);
  const rank = (list: readonly string[], item: string) => {
    const index = list.indexOf(item);
    return String(index === -1 ? list.length : index).padStart(4, '0');
  };
  const key = (f: ReportedFinding) => [
    rank(stageOrder, f.stage),
    rank(stackOrder, `${f.stage}/${f.stack}`),
    f.stack,
    f.pack,
    f.acknowledgement ? '1' : '0',
    f.rule,
    f.constructPath,
  ];
  return findings.sort((a, b) => compareKeys(key(a), key(b)));
}

/** Plugins that reported failure without any violation: they crashed rather than judged. */
export function collectPackFailures(report: ValidationReportJson): PackFailure[] {
  return report.pluginReports
    .filter(
      (plugin) => plugin.conclusion === 'failure' && plugin.violations.length === 0 && plugin.metadata?.error,
    )
    .map((plugin) => ({ pack: plugin.pluginName, error: plugin.metadata!.error! }));
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = a[i]!.localeCompare(b[i]!, 'en');
    if (order !== 0) return order;
  }
  return 0;
}
