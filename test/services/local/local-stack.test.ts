/**
 * The local stack's own life cycle on the embedded database: data and the development signing key kept in
 * the data directory survive a restart; closing frees the port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startLocalStack } from '../../../services/local/local-stack.js';
import { logger } from '../../../services/shared/logger.js';

const dataDir = mkdtempSync(join(tmpdir(), 'gm-local-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

it('keeps users, goals and sessions across a restart on the same data directory', async () => {
  logger.setLogLevel('SILENT');
  const first = await startLocalStack({ port: 0, dataDir, workflow: false });
  const port = Number(new URL(first.url).port);
  const signUp = await fetch(`${first.url}/api/auth/signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'restart@example.com', password: 'password123', name: 'R' }),
  });
  const { accessToken } = ((await signUp.json()) as { result: { data: { accessToken: string } } }).result
    .data;
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
  await fetch(`${first.url}/api/goals/create`, {
    method: 'POST',
    headers: auth,
    body: '{"title":"Survives"}',
  });
  await first.close();
  expect(await portIsFree(port)).toBe(true);

  const second = await startLocalStack({ port: 0, dataDir, workflow: false });
  try {
    const list = await fetch(`${second.url}/api/goals/list`, { headers: auth });
    expect(list.status).toBe(200);
    const goals = ((await list.json()) as { result: { data: { title: string }[] } }).result.data;
    expect(goals.map((g) => g.title)).toEqual(['Survives']);
  } finally {
    await second.close();
  }
});
