import {
  collectFindings,
  collectPackFailures,
  type AssemblyStack,
  type ReportedFinding,
  type ValidationReportJson,
} from './findings.js';

export interface ReportContext {
  /** Every pack that ran, so a pack with no findings still shows (the JSON report omits clean packs). */
  readonly packs: readonly string[];
  /** The assembly's stacks, to group findings by stage and stack. */
  readonly stacks: readonly AssemblyStack[];
}

/**
 * `compliance-report.md`: the verdict and counts first, then per stage, stack and pack the
 * unacknowledged findings, followed by each acknowledged finding with its reason.
 */
export function renderMarkdown(report: ValidationReportJson, context: ReportContext): string {
  const findings = collectFindings(report, context.stacks);
  const failures = collectPackFailures(report);
  const open = findings.filter((f) => !f.acknowledgement);
  const acknowledged = findings.filter((f) => f.acknowledgement);
  const passed = open.length === 0 && failures.length === 0;
  const lines: string[] = [
    '# Compliance report',
    '',
    passed
      ? `**PASS**: no unacknowledged findings; ${acknowledged.length} acknowledged finding(s) listed below with their reasons.`
      : `**FAIL**: ${open.length} unacknowledged finding(s)${failures.length ? ` and ${failures.length} pack(s) that could not run` : ''}; ${acknowledged.length} acknowledged.`,
    '',
    '| pack | unacknowledged | acknowledged |',
    '| --- | ---: | ---: |',
    ...allPacks(context, findings).map(
      (pack) =>
        `| ${pack} | ${open.filter((f) => f.pack === pack).length} | ${acknowledged.filter((f) => f.pack === pack).length} |`,
    ),
    '',
  ];
  for (const failure of failures)
    lines.push(`> **${failure.pack} could not run:** ${oneLine(failure.error)}`, '');
  if (open.length > 0) {
    // What blocks the release, before the long per-stack listing.
    lines.push('## Unacknowledged findings', '');
    for (const f of open)
      lines.push(`- ${f.stage} / ${f.stack} / ${f.pack}: **${f.rule}** \`${f.constructPath}\``);
    lines.push('');
  }

  for (const [stage, inStage] of groupBy(findings, (f) => f.stage)) {
    lines.push(`## Stage ${stage}`, '', ...countTable(inStage), '');
    for (const [stack, inStack] of groupBy(inStage, (f) => f.stack)) {
      lines.push(`### Stack ${stack}`, '');
      for (const [pack, inPack] of groupBy(inStack, (f) => f.pack)) {
        const packOpen = inPack.filter((f) => !f.acknowledgement);
        const packAcknowledged = inPack.filter((f) => f.acknowledgement);
        lines.push(
          `#### ${pack}: ${packOpen.length} unacknowledged, ${packAcknowledged.length} acknowledged`,
          '',
        );
        if (packOpen.length > 0) {
          lines.push('Unacknowledged:', '');
          for (const f of packOpen)
            lines.push(`- **${f.rule}** (${f.severity}) \`${f.constructPath}\`: ${oneLine(f.description)}`);
          lines.push('');
        }
        if (packAcknowledged.length > 0) {
          lines.push('Acknowledged:', '');
          for (const f of packAcknowledged) {
            const where =
              f.acknowledgement!.at && f.acknowledgement!.at !== f.constructPath
                ? ` (acknowledged on \`${f.acknowledgement!.at}\`)`
                : '';
            lines.push(
              `- **${f.rule}** \`${f.constructPath}\`${where}: ${oneLine(f.acknowledgement!.reason)}`,
            );
          }
          lines.push('');
        }
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function allPacks(context: ReportContext, findings: readonly ReportedFinding[]): string[] {
  return [...new Set([...context.packs, ...findings.map((f) => f.pack)])];
}

function countTable(findings: readonly ReportedFinding[]): string[] {
  const rows = [...groupBy(findings, (f) => f.stack)].map(([stack, inStack]) => {
    const open = inStack.filter((f) => !f.acknowledgement).length;
    return `| ${stack} | ${open} | ${inStack.length - open} |`;
  });
  return ['| stack | unacknowledged | acknowledged |', '| --- | ---: | ---: |', ...rows];
}

/** Groups in first-seen order (the findings arrive sorted). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
