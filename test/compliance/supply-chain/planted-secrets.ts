import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fake credentials in the shapes secretlint's recommended preset knows, put together at run time:
 * the repository's own scan must not find them in this file.
 */
export const PLANTED = {
  awsAccessKeyId: ['AKIA', 'QYLPMN5HFIQR7XYZ'].join(''),
  awsSecretAccessKey: ['wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYzz12345678'].join(''),
  slackWebhook: [
    'https://hooks.slack',
    '.com/services/T0',
    '1234567/B01234567/abcdefghijklmnopqrstuvwx',
  ].join(''),
  slackToken: ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-'),
  privateKeyBody:
    'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQABAoIBAQCC',
} as const;

const pem = (label: string, body: string) =>
  [`-----BEGIN ${label}-----`, body, `-----END ${label}-----`, ''].join('\n');

/** A temporary git repository whose index holds `files` (path → content); the caller removes `dir`. */
export function gitRepository(files: Record<string, string>, untracked: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'supply-chain-'));
  execFileSync('git', ['init', '--quiet', dir]);
  for (const [path, content] of Object.entries({ ...files, ...untracked }))
    writeFileSync(join(dir, path), content);
  execFileSync('git', ['add', '--', ...Object.keys(files)], { cwd: dir });
  return dir;
}

/** Files with one planted secret each, the secret on a known line. */
export function plantedFiles(): Record<string, string> {
  return {
    'deploy.ts': [
      '// deployment settings',
      'export const credentials = {',
      `  accessKeyId: "${PLANTED.awsAccessKeyId}",`,
      `  secretAccessKey: "${PLANTED.awsSecretAccessKey}",`,
      '};',
      '',
    ].join('\n'),
    'notify.md': [
      '# Alerts',
      '',
      `Post to ${PLANTED.slackWebhook} when it breaks.`,
      `Bot: ${PLANTED.slackToken}`,
      '',
    ].join('\n'),
    id_rsa: pem(['RSA', 'PRIVATE KEY'].join(' '), PLANTED.privateKeyBody),
    'README.md': '# nothing secret here\n',
  };
}
