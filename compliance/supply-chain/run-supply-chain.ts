import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAuditAcknowledgements, type AuditAcknowledgement } from './audit-acknowledgement.js';
import { AUDIT_ACKNOWLEDGEMENTS } from './audit-acknowledgements.js';
import { auditVerdict } from './audit-verdict.js';
import type { CheckName, CheckOutcome } from './check-outcome.js';
import { renderJunit } from './junit.js';
import { runNpmAudit } from './npm-audit.js';
import { generateSbom } from './sbom.js';
import { scanForSecrets, secretScanOutcome } from './secret-scan.js';

/** Where `npm run supply-chain` writes the SBOM by default (the build keeps it beside the cloud assembly). */
export const SBOM_FILE = 'sbom.cdx.json';
/** Where it writes one JUnit file per check (`sbom.xml`, `audit.xml`, `secret-scan.xml`). */
export const SUPPLY_CHAIN_RESULTS_DIRECTORY = 'supply-chain-results';

export interface SupplyChainOptions {
  /** The repository root: its package.json, lock file, node_modules and git index. */
  readonly cwd: string;
  /** @default - `sbom.cdx.json` in `cwd` */
  readonly sbomFile?: string;
  /** @default - `supply-chain-results` in `cwd` */
  readonly resultsDirectory?: string;
  /** Fail when the advisory database cannot be reached (the pipeline's build). */
  readonly requireAudit: boolean;
  /** @default - today's UTC date */
  readonly today?: string;
  /** @default - AUDIT_ACKNOWLEDGEMENTS */
  readonly acknowledgements?: readonly AuditAcknowledgement[];
}

/**
 * Runs the three supply-chain checks (SBOM, production dependency audit, secret scan of the tracked
 * files) and writes each one's JUnit result. A check that breaks is reported as failed; the others still run.
 */
export async function runSupplyChain(options: SupplyChainOptions): Promise<readonly CheckOutcome[]> {
  const cwd = resolve(options.cwd);
  const resultsDirectory = resolve(cwd, options.resultsDirectory ?? SUPPLY_CHAIN_RESULTS_DIRECTORY);
  const acknowledgements = parseAuditAcknowledgements(options.acknowledgements ?? AUDIT_ACKNOWLEDGEMENTS);
  const today = options.today ?? new Date().toISOString().slice(0, 10);

  const outcomes = [
    await guarded('sbom', async () =>
      generateSbom({ cwd, outputFile: resolve(cwd, options.sbomFile ?? SBOM_FILE) }),
    ),
    await guarded('audit', async () =>
      auditVerdict(runNpmAudit(cwd), { acknowledgements, today, required: options.requireAudit }),
    ),
    await guarded('secret-scan', async () => secretScanOutcome(await scanForSecrets(cwd))),
  ];
  mkdirSync(resultsDirectory, { recursive: true });
  for (const outcome of outcomes)
    writeFileSync(join(resultsDirectory, `${outcome.check}.xml`), renderJunit(outcome));
  return outcomes;
}

async function guarded(check: CheckName, run: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await run();
  } catch (error) {
    const summary = `${check}: could not run: ${error instanceof Error ? error.message : String(error)}`;
    return {
      check,
      passed: false,
      summary,
      cases: [{ name: check, failure: { message: summary, detail: summary } }],
    };
  }
}
