/** One line of `npm run doctor`: ✓ what holds, or ✗ what is missing and the command (or step) that fixes it. */
export interface CheckResult {
  readonly ok: boolean;
  /** What was checked and what was found, one line. */
  readonly line: string;
  /** For a ✗: the command or console step that fixes it. */
  readonly fix?: string;
}

export const passed = (line: string): CheckResult => ({ ok: true, line });
export const failed = (line: string, fix: string): CheckResult => ({ ok: false, line, fix });

export function renderResult(result: CheckResult): string {
  return result.ok ? `✓ ${result.line}` : `✗ ${result.line} — fix: ${result.fix}`;
}
