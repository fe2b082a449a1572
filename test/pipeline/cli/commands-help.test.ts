// Every command in the README's table explains itself: `--help` prints its usage and exits 0; an option it
// does not know is one line naming it, exit status 2. Run as operators run them (`npm run <script> -- …`).
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const repoRoot = new URL('../../../', import.meta.url).pathname;

/** The npm scripts of the README's command table, but the tools' own (test, lint…), with what their help must name. */
const COMMANDS: readonly [script: string, mentions: readonly string[]][] = [
  ['start', ['PORT', 'DATABASE_URL', 'LOCAL_DATA_DIR']],
  ['doctor', ['--online', '--profile-staging NAME', '--assume-role NAME', 'docs/runbook.md']],
  ['cost', ['--assembly DIR', '--out FILE', '(default cdk.out)']],
  ['supply-chain', ['--require-audit', '--sbom-file FILE']],
  ['compliance', ['--no-synth', 'COMPLIANCE_CDK_OUT']],
  ['compliance:report', ['--no-synth']],
  ['review', ['--deployed DIR', '--stage NAME', '(default Production)']],
  ['review:fetch', ['--out DIR', '--role-arn ARN', 'AWS_PROFILE']],
  ['rollback', ['<tag>', '--yes', '--poll-seconds N', '"Rolling back"']],
  ['frontend:switch', ['--status', '--store-arn ARN', 'RELEASE_STORE_ARN', 'SITE_REGION']],
  ['frontend:publish', ['--bucket NAME', 'SITE_BUCKET', 'RELEASE_ID']],
  ['frontend:smoke', ['--site-url URL', 'SITE_URL']],
  ['acceptance', ['API_URL', 'JOURNEY_RESUME_WAIT_MS']],
];

/** Commands with a parser of their own (exit 1 on a wrong option): their --help is checked here too. */
const HELP_ONLY: readonly [script: string, mentions: readonly string[]][] = [
  ['migrations:check', ['--base', '--database']],
];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function npmRun(script: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      // No AWS settings: --help and a wrong option must be answered before anything reaches AWS.
      { cwd: repoRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs every command twice (help, wrong option), three at a time: the machine is shared. */
async function runAll(): Promise<Map<string, { help: Run; wrong: Run }>> {
  const queue = [...COMMANDS, ...HELP_ONLY].map(([script]) => script);
  const results = new Map<string, { help: Run; wrong: Run }>();
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let script = queue.shift(); script; script = queue.shift()) {
        results.set(script, {
          help: await npmRun(script, ['--help']),
          wrong: await npmRun(script, ['--no-such-option']),
        });
      }
    }),
  );
  return results;
}

describe("the README's commands", async () => {
  const results = await runAll();

  it.each([...COMMANDS, ...HELP_ONLY])('%s: --help prints the usage and exits 0', (script, mentions) => {
    const { help } = results.get(script)!;
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: /);
    for (const mention of mentions) expect(help.stdout).toContain(mention);
  });

  it.each(COMMANDS)('%s: an unknown option is one line naming it, exit status 2', (script) => {
    const { wrong } = results.get(script)!;
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^(npm )?${script.split(':')[0]}[:a-z]*: unknown option --no-such-option; usage: `),
      ),
    ]);
  });
});
