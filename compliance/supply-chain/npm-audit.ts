import { spawnSync } from 'node:child_process';

/** `npm audit`'s JSON answer (report format 2, or an error), or the text it printed when that was no JSON. */
export type NpmAuditAnswer = { readonly json: unknown } | { readonly unparsed: string };

/**
 * Runs `npm audit --omit=dev --json` in `cwd`: the production dependencies of the lock file against
 * the registry's advisory database. npm exits 1 both on findings and on errors, so the verdict reads
 * the answer, not the exit code.
 */
export function runNpmAudit(cwd: string): NpmAuditAnswer {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The project's .npmrc may turn auditing off for installs; this command is the audit.
    env: { ...process.env, npm_config_audit: 'true' },
  });
  const text = run.stdout ?? '';
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { unparsed: (text || run.stderr || String(run.error ?? `exit ${run.status}`)).trim() };
  }
}
