/** `npm run doctor`: the offline checks of the configuration, then (with --online) each account's. */
import type { AppConfig } from '../config.js';
import { type CheckResult, renderResult } from './check-result.js';
import { offlineChecks } from './offline/index.js';
import type { OnlineContext } from './online/account-access.js';
import { onlineChecks } from './online/index.js';

export interface DoctorRun {
  readonly config: AppConfig;
  /** Where the configuration came from, for the heading. */
  readonly configFile: string;
  /** With credentials: what the online checks reach each account with. */
  readonly online?: Omit<OnlineContext, 'config'> & { readonly bootstrapVersionFrom: string };
  readonly print: (line: string) => void;
}

/** Prints every check, one line each, and the verdict; resolves to the number of ✗. */
export async function runDoctor(run: DoctorRun): Promise<number> {
  const results: CheckResult[] = [];
  const show = (section: string, found: CheckResult[]) => {
    run.print(section);
    for (const result of found) run.print(renderResult(result));
    results.push(...found);
  };
  show(`doctor: the configuration (${run.configFile})`, offlineChecks(run.config));
  if (run.online) {
    const { accounts } = run.online;
    const found = await onlineChecks({ ...run.online, config: run.config });
    show(
      `doctor: the accounts (toolchain ${accounts.toolchain.profileArgument}, staging ${accounts.staging.profileArgument}, production ${accounts.production.profileArgument}; bootstrap version needed: ${run.online.requiredBootstrapVersion}, from ${run.online.bootstrapVersionFrom})`,
      found,
    );
  }
  const problems = results.filter((result) => !result.ok).length;
  run.print(
    problems === 0
      ? `doctor: all ${results.length} checks passed${run.online ? '' : ' (offline; npm run doctor -- --online checks the accounts)'}`
      : `doctor: ${problems} of ${results.length} checks failed: fix them (each ✗ says how), then run the doctor again`,
  );
  return problems;
}
