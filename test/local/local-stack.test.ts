/**
 * The local stack's own life cycle on the embedded database: data and the development signing key kept in
 * the data directory survive a restart; closing frees the port; it runs the very handler modules of the
 * routes table and registers its workflow runner as the API's starter while it runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { healthRoute, serviceRoutes } from '../../services/api/routes.js';
import { getWorkflowStarter } from '../../services/api/workflow-starter.js';
import { health, serviceHandlers, startLocalStack } from '../../local/local-stack.js';
import { logger } from '../../services/shared/logger.js';

const repoRoot = new URL('../../', import.meta.url);
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

it('serves each route with the handler module the api stack bundles for it', async () => {
  const handlerAt = async (entry: string) =>
    ((await import(pathToFileURL(new URL(entry, repoRoot).pathname).href)) as { handler: unknown }).handler;
  expect(Object.keys(serviceHandlers).sort()).toEqual(serviceRoutes.map((r) => r.service).sort());
  for (const route of serviceRoutes) {
    expect(serviceHandlers[route.service], route.entry).toBe(await handlerAt(route.entry));
  }
  expect(health).toBe(await handlerAt(healthRoute.entry));
});

it('registers its workflow runner as the starter while it runs', async () => {
  logger.setLogLevel('SILENT');
  expect(() => getWorkflowStarter()).toThrow(/no workflow starter/);
  const stack = await startLocalStack({ port: 0 });
  try {
    expect(getWorkflowStarter()).toBeDefined();
    expect(typeof getWorkflowStarter().start).toBe('function');
  } finally {
    await stack.close();
  }
  expect(() => getWorkflowStarter()).toThrow(/no workflow starter/);
});
