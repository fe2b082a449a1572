import type { AppConfig } from '../../config.js';
import { connectionFindings } from '../../config-rules.js';
import type { CheckResult } from '../check-result.js';
import { resultsOf } from './from-findings.js';

/** The repository connection belongs to the toolchain's account and region, where the pipeline uses it. */
export function repositoryConnection(config: AppConfig): CheckResult[] {
  return resultsOf(
    connectionFindings(config),
    `repository connection: in the toolchain's account and region (${config.toolchain.account}, ${config.toolchain.region})`,
  );
}
