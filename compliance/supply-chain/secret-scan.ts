import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine } from '@secretlint/node';
import type { CheckOutcome } from './check-outcome.js';

/** One secret secretlint found; never the secret itself. */
export interface SecretFinding {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The secretlint rule and message id (`@secretlint/secretlint-rule-aws AWSSecretAccessKey`). */
  readonly rule: string;
  /** secretlint's message with the secret masked. */
  readonly message: string;
}

export interface SecretScanResult {
  /** How many tracked files were scanned. */
  readonly files: number;
  readonly findings: readonly SecretFinding[];
}

/** The part of secretlint's `json` formatter output read here (it also carries each file's raw content: never printed). */
interface SecretlintFileResult {
  readonly filePath: string;
  readonly messages: readonly {
    readonly ruleId: string;
    readonly messageId?: string;
    readonly message: string;
    readonly loc: { readonly start: { readonly line: number; readonly column: number } };
  }[];
}

/**
 * Scans every file git tracks in `repository` (`git ls-files`, so what a push would publish) with
 * secretlint's recommended preset: AWS keys, private keys, Slack and GitHub tokens, webhooks, and more.
 */
export async function scanForSecrets(repository: string): Promise<SecretScanResult> {
  const tracked = execFileSync('git', ['ls-files', '-z'], {
    cwd: repository,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean)
    .map((file) => join(repository, file))
    // A tracked file deleted in the work tree, or a symlink, has no content of its own to scan.
    .filter((path) => lstatSync(path, { throwIfNoEntry: false })?.isFile() ?? false);
  const engine = await createEngine({
    formatter: 'json',
    color: false,
    maskSecrets: true,
    configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
  });
  const { output } = await engine.executeOnFiles({ filePathList: tracked });
  const findings = (JSON.parse(output) as SecretlintFileResult[]).flatMap((result) =>
    result.messages.map((m) => ({
      file: relative(repository, result.filePath),
      line: m.loc.start.line,
      column: m.loc.start.column + 1,
      rule: [m.ruleId, m.messageId].filter(Boolean).join(' '),
      // secretlint masks the secret with one * per character; a run of them tells its length, keep three.
      message: m.message.replace(/\*{3,}/g, '***'),
    })),
  );
  return { files: tracked.length, findings };
}

/** The scan's verdict: any finding fails, named by file and line. */
export function secretScanOutcome(result: SecretScanResult): CheckOutcome {
  const where = (f: SecretFinding) => `${f.file}:${f.line}:${f.column}`;
  return {
    check: 'secret-scan',
    passed: result.findings.length === 0,
    summary:
      result.findings.length === 0
        ? `secret scan: no secret in ${result.files} tracked file(s)`
        : `secret scan: ${result.findings.length} secret(s) in tracked files: ${result.findings.map(where).join(', ')}`,
    cases: [
      ...result.findings.map((f) => ({
        name: `${where(f)} ${f.rule}`,
        failure: {
          message: `${f.message} at ${where(f)}`,
          detail: `${f.rule}\nRemove it from the file and from git history, and revoke it: it has been pushed.`,
        },
      })),
      {
        name: `no secret in ${result.files} tracked file(s)`,
        ...(result.findings.length
          ? {
              failure: {
                message: `${result.findings.length} secret(s) found`,
                detail: 'see the cases above',
              },
            }
          : {}),
      },
    ],
  };
}
