/**
 * The local stack's own life cycle on the embedded database: data and the development signing key kept in
 * the data directory survive a restart; closing frees the port; it composes the very handler modules of the
 * routes table with its own dependencies, its workflow runner starting the AI drafts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { healthRoute, serviceRoutes } from '../../services/api/routes.js';
import { healthHandlerFactory, serviceHandlerFactories, startLocalStack } from '../../local/local-stack.js';
import { logger } from '../../services/shared/logger.js';
import { startTestLocalStack } from '../helpers/local-stack.js';

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

/** Signs a new user up through the stack's API; the JSON and bearer headers of their calls. */
async function signedUpHeaders(url: string, email: string, name: string): Promise<Record<string, string>> {
  const signUp = await fetch(`${url}/api/auth/signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'password123', name }),
  });
  const { accessToken } = ((await signUp.json()) as { result: { data: { accessToken: string } } }).result
    .data;
  return { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
}

it('keeps users, goals and sessions across a restart on the same data directory', async () => {
  logger.setLogLevel('SILENT');
  const first = await startLocalStack({ port: 0, dataDir, workflow: false });
  const port = Number(new URL(first.url).port);
  const auth = await signedUpHeaders(first.url, 'restart@example.com', 'R');
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

it('composes each route from the handler module the api stack bundles for it', async () => {
  const factoryAt = async (entry: string) =>
    ((await import(pathToFileURL(new URL(entry, repoRoot).pathname).href)) as { createHandler: unknown })
      .createHandler;
  expect(Object.keys(serviceHandlerFactories).sort()).toEqual(serviceRoutes.map((r) => r.service).sort());
  for (const route of serviceRoutes) {
    expect(serviceHandlerFactories[route.service], route.entry).toBe(await factoryAt(route.entry));
  }
  expect(healthHandlerFactory).toBe(await factoryAt(healthRoute.entry));
});

it('starts AI drafts on its workflow runner, and says so in one line when started without it', async () => {
  logger.setLogLevel('SILENT');
  const withWorkflow = await startTestLocalStack({});
  const without = await startTestLocalStack({ workflow: false });
  try {
    for (const [stack, status, message] of [
      [withWorkflow, 200, undefined],
      [without, 503, 'The AI draft could not be started, try again shortly'],
    ] as const) {
      const headers = await signedUpHeaders(stack.url, 'drafts@example.com', 'D');
      const created = await fetch(`${stack.url}/api/goals/create`, {
        method: 'POST',
        headers,
        body: '{"title":"Drafted"}',
      });
      const goalId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
      const generate = await fetch(`${stack.url}/api/ai/generate`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ goalId }),
      });
      expect(generate.status).toBe(status);
      const body = (await generate.json()) as {
        result?: { data: { drafter: string } };
        error?: { message: string };
      };
      if (message) expect(body.error?.message).toBe(message);
      else expect(body.result?.data.drafter).toBe('local-stand-in');
    }
  } finally {
    await withWorkflow.close();
    await without.close();
  }
});
