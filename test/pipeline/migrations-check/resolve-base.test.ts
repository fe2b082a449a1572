import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationsCheckError } from '../../../pipeline/migrations-check/migrations-check-error.js';
import { resolveBase } from '../../../pipeline/migrations-check/resolve-base.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { git } from './scratch-clone.js';

/** A repository with three commits on its branch and one on a side branch; returns their ids. */
function history() {
  const dir = tempDir('gm-base-');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  const commit = (message: string) => {
    writeFileSync(join(dir, 'file.txt'), message);
    git(dir, 'add', '-A');
    git(dir, 'commit', '--quiet', '-m', message);
    return git(dir, 'rev-parse', 'HEAD').trim();
  };
  const first = commit('first');
  const second = commit('second');
  git(dir, 'checkout', '--quiet', '-b', 'side');
  const side = commit('side');
  git(dir, 'checkout', '--quiet', 'main');
  const head = commit('head');
  return { dir, first, second, side, head };
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A stand-in for Production's /api/health on a local port. */
async function health(status: number, body: unknown): Promise<string> {
  server = createServer((_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/api/health`;
}

describe('which release the check compares with', () => {
  it('by default: the newest v* tag that is an ancestor of HEAD, never one off its history', async () => {
    const repo = history();
    git(repo.dir, 'tag', 'v1.0.0', repo.first);
    git(repo.dir, 'tag', '-a', 'v1.1.0', '-m', 'annotated', repo.second);
    git(repo.dir, 'tag', 'v2.0.0', repo.side);
    git(repo.dir, 'tag', 'nightly', repo.head);
    expect(await resolveBase(repo.dir, undefined, {})).toEqual({
      kind: 'release',
      label: 'v1.1.0',
      commit: repo.second,
    });
  });

  it('says there is nothing to compare when no release tag is an ancestor', async () => {
    const repo = history();
    git(repo.dir, 'tag', 'v2.0.0', repo.side);
    expect(await resolveBase(repo.dir, undefined, {})).toEqual({
      kind: 'none',
      reason: 'no v* release tag is an ancestor of HEAD',
    });
  });

  it('takes --base as a tag or commit, and refuses one the repository does not have', async () => {
    const repo = history();
    expect(await resolveBase(repo.dir, repo.first.slice(0, 10), {})).toEqual({
      kind: 'release',
      label: repo.first.slice(0, 10),
      commit: repo.first,
    });
    await expect(resolveBase(repo.dir, 'v9.9.9', {})).rejects.toThrow(
      new MigrationsCheckError(
        '--base "v9.9.9" is not a commit or tag of this repository (run "git fetch --tags"?)',
      ),
    );
  });

  describe('--base production', () => {
    it("compares with the commit Production's /api/health answers", async () => {
      const repo = history();
      const url = await health(200, { status: 'ok', version: repo.second, database: 'ok' });
      expect(await resolveBase(repo.dir, 'production', { PRODUCTION_HEALTH_URL: url })).toEqual({
        kind: 'release',
        label: `production (${repo.second.slice(0, 12)})`,
        commit: repo.second,
      });
    });

    it('reads the health URL from the SSM parameter the pipeline names; none yet is a first deployment', async () => {
      const repo = history();
      const url = await health(200, { status: 'ok', version: repo.first, database: 'ok' });
      const env = { PRODUCTION_HEALTH_URL_PARAMETER: '/goal-mandala/production/health-url' };
      const asked: string[] = [];
      const found = await resolveBase(repo.dir, 'production', env, {
        readParameter: async (name) => (asked.push(name), url),
      });
      expect(asked).toEqual(['/goal-mandala/production/health-url']);
      expect(found).toMatchObject({ kind: 'release', commit: repo.first });

      expect(
        await resolveBase(repo.dir, 'production', env, { readParameter: async () => undefined }),
      ).toEqual({
        kind: 'none',
        reason:
          'Production has not been deployed yet (no SSM parameter /goal-mandala/production/health-url): a first deployment',
      });
    });

    it('falls back to the newest release tag, saying why, when Production gives no version', async () => {
      const repo = history();
      git(repo.dir, 'tag', 'v1.0.0', repo.first);
      const url = await health(503, { status: 'degraded' });
      expect(await resolveBase(repo.dir, 'production', { PRODUCTION_HEALTH_URL: url })).toEqual({
        kind: 'release',
        label: 'v1.0.0',
        commit: repo.first,
        note: `Production's health (${url}) gave no version: HTTP 503; comparing with the newest release tag instead`,
      });
    });

    it('refuses a version that is not a commit here, and a missing URL, in one line', async () => {
      const repo = history();
      const url = await health(200, { status: 'ok', version: 'f'.repeat(40) });
      await expect(resolveBase(repo.dir, 'production', { PRODUCTION_HEALTH_URL: url })).rejects.toThrow(
        `Production serves ${'f'.repeat(40)}, which is not a commit of this repository (a shallow clone?)`,
      );
      await expect(resolveBase(repo.dir, 'production', {})).rejects.toThrow(
        '--base production needs PRODUCTION_HEALTH_URL or PRODUCTION_HEALTH_URL_PARAMETER',
      );
    });
  });
});
