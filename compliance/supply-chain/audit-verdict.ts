import type { AuditAcknowledgement } from './audit-acknowledgement.js';
import type { CheckCase, CheckOutcome } from './check-outcome.js';
import type { NpmAuditAnswer } from './npm-audit.js';

/** Severities that fail the build unless acknowledged; lower ones are reported only. */
const FAILING_SEVERITIES = new Set(['high', 'critical']);

export interface AuditVerdictOptions {
  /** Validated acknowledgements (`parseAuditAcknowledgements`). */
  readonly acknowledgements: readonly AuditAcknowledgement[];
  /** Today (UTC, `YYYY-MM-DD`): an acknowledgement whose `expires` is earlier no longer holds. */
  readonly today: string;
  /** When true (the pipeline's build), an unreachable advisory database fails instead of passing unchecked. */
  readonly required: boolean;
}

/** One advisory as `npm audit` reports it on one package. */
interface Advisory {
  readonly id: string;
  readonly package: string;
  readonly severity: string;
  readonly title: string;
  readonly url: string;
  readonly range: string;
}

/** The verdict on one `npm audit --omit=dev --json` answer. */
export function auditVerdict(answer: NpmAuditAnswer, options: AuditVerdictOptions): CheckOutcome {
  if (!('json' in answer)) {
    return failed(`audit: npm audit gave no JSON answer: ${firstLine(answer.unparsed)}`);
  }
  const report = answer.json as Record<string, unknown> | null;
  if (report?.auditReportVersion === 2 && typeof report.vulnerabilities === 'object') {
    return verdictOnReport(advisoriesOf(report.vulnerabilities as Record<string, unknown>), options);
  }
  const error = (report?.error ?? {}) as { code?: string; summary?: string };
  if (
    report &&
    typeof report === 'object' &&
    'error' in report &&
    !error.code &&
    typeof report.message === 'string'
  ) {
    // npm's answer when the advisory endpoint is unreachable or refuses: a message, an empty error, no code.
    const why = `advisory database unreachable (${firstLine(report.message)})`;
    return options.required
      ? failed(`audit: ${why}; this build requires the audit`)
      : {
          check: 'audit',
          passed: true,
          summary: `audit: not checked, ${why}; passes here, the pipeline's build requires it`,
          cases: [{ name: 'npm audit --omit=dev', skipped: why }],
        };
  }
  return failed(
    `audit: npm audit could not run: ${[error.code, error.summary].filter(Boolean).join(' ') || 'unknown answer'}`,
  );
}

function verdictOnReport(advisories: readonly Advisory[], options: AuditVerdictOptions): CheckOutcome {
  const cases: CheckCase[] = [];
  let open = 0;
  let acknowledged = 0;
  for (const advisory of advisories) {
    const name = `${advisory.id} ${advisory.package} (${advisory.severity})`;
    const detail = `${advisory.title}\n${advisory.package} ${advisory.range}\n${advisory.url}`;
    if (!FAILING_SEVERITIES.has(advisory.severity)) {
      cases.push({ name });
      continue;
    }
    const ack = options.acknowledgements.find(
      (a) => a.advisory === advisory.id && a.package === advisory.package,
    );
    if (ack && ack.expires >= options.today) {
      acknowledged += 1;
      cases.push({ name, skipped: `Acknowledged until ${ack.expires}: ${ack.reason}` });
      continue;
    }
    open += 1;
    const message = ack
      ? `acknowledgement expired on ${ack.expires}: update ${advisory.package} or renew the acknowledgement`
      : `unacknowledged ${advisory.severity} advisory: update ${advisory.package} or acknowledge it`;
    cases.push({ name, failure: { message, detail } });
  }
  cases.push({
    name: 'no unacknowledged high or critical advisory',
    ...(open > 0
      ? { failure: { message: `${open} open advisory(ies)`, detail: 'see the cases above' } }
      : {}),
  });
  const lower = advisories.length - open - acknowledged;
  return {
    check: 'audit',
    passed: open === 0,
    summary: `audit: ${advisories.length} advisory(ies) in production dependencies: ${open} high/critical open, ${acknowledged} acknowledged, ${lower} below high`,
    cases,
  };
}

/** The advisories themselves: `via` objects (string entries only point at another vulnerable package). */
function advisoriesOf(vulnerabilities: Record<string, unknown>): Advisory[] {
  const found = new Map<string, Advisory>();
  for (const vulnerability of Object.values(vulnerabilities)) {
    const via = (vulnerability as { via?: unknown[] }).via ?? [];
    for (const entry of via) {
      if (typeof entry !== 'object' || entry === null) continue;
      const v = entry as Record<string, unknown>;
      const url = String(v.url ?? '');
      const id = /GHSA(-[0-9a-z]{4}){3}/.exec(url)?.[0] ?? `npm-advisory-${String(v.source)}`;
      const advisory: Advisory = {
        id,
        package: String(v.name),
        severity: String(v.severity),
        title: String(v.title ?? ''),
        url,
        range: String(v.range ?? ''),
      };
      found.set(`${advisory.id} ${advisory.package}`, advisory);
    }
  }
  return [...found.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}

function failed(summary: string): CheckOutcome {
  return {
    check: 'audit',
    passed: false,
    summary,
    cases: [{ name: 'npm audit --omit=dev', failure: { message: summary, detail: summary } }],
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
