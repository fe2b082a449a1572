import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { renderJunit } from '../../../compliance/supply-chain/junit.js';
import { scanForSecrets, secretScanOutcome } from '../../../compliance/supply-chain/secret-scan.js';
import { PLANTED, gitRepository, plantedFiles } from './planted-secrets.js';

const repositories: string[] = [];
const repository = (...args: Parameters<typeof gitRepository>) => {
  const dir = gitRepository(...args);
  repositories.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of repositories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the secret scan', () => {
  it('finds an AWS secret key, a private key, a Slack webhook and a Slack token in tracked files, by file and line', async () => {
    const result = await scanForSecrets(repository(plantedFiles()));
    expect(result.files).toBe(4);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`).sort()).toEqual([
      'deploy.ts:4 @secretlint/secretlint-rule-aws AWSSecretAccessKey',
      'id_rsa:1 @secretlint/secretlint-rule-privatekey PrivateKey',
      'notify.md:3 @secretlint/secretlint-rule-slack IncomingWebhook',
      'notify.md:4 @secretlint/secretlint-rule-slack SLACK_TOKEN',
    ]);
    const outcome = secretScanOutcome(result);
    expect(outcome.passed).toBe(false);
    expect(outcome.summary).toMatch(/^secret scan: 4 secret\(s\) in tracked files: .*deploy\.ts:4:\d+/);
  });

  it('never prints the secret: not in the log line, the cases or the JUnit file', async () => {
    const outcome = secretScanOutcome(await scanForSecrets(repository(plantedFiles())));
    const everything = JSON.stringify(outcome) + renderJunit(outcome);
    expect(everything).toContain('found AWS Secret Access Key: ***');
    for (const secret of [
      PLANTED.awsSecretAccessKey,
      PLANTED.slackWebhook,
      PLANTED.slackToken,
      PLANTED.privateKeyBody,
    ]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(8, 24));
    }
  });

  it('scans what git tracks, not what merely lies in the work tree', async () => {
    const dir = repository({ 'README.md': '# clean\n' }, { 'local-notes.md': `${PLANTED.slackWebhook}\n` });
    const outcome = secretScanOutcome(await scanForSecrets(dir));
    expect(outcome.passed).toBe(true);
    expect(outcome.summary).toBe('secret scan: no secret in 1 tracked file(s)');
  });

  it("passes the repository's own tracked files", async () => {
    const outcome = secretScanOutcome(await scanForSecrets(process.cwd()));
    expect(outcome.cases.filter((c) => c.failure).map((c) => c.name)).toEqual([]);
    expect(outcome.passed).toBe(true);
  });
});
