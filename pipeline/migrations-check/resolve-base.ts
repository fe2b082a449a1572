/**
 * Which release the check compares with (REF): the one a rollback would bring back.
 * - `--base <tag|commit>`: that commit.
 * - no `--base`: the newest `v*` tag that is an ancestor of HEAD, what `npm run rollback` would redeploy.
 * - `--base production` (the pipeline's Build): the commit Production serves now, the `version` its
 *   `/api/health` answers. Its URL comes from PRODUCTION_HEALTH_URL, or from the SSM parameter named by
 *   PRODUCTION_HEALTH_URL_PARAMETER (written after each production deployment; none yet: a first deployment).
 */
import { commitOf, git } from './git.js';
import { MigrationsCheckError } from './migrations-check-error.js';

export type Base =
  /** A release to compare with: `label` is how the output names it (a tag, or the ref given). */
  | { readonly kind: 'release'; readonly label: string; readonly commit: string; readonly note?: string }
  /** Nothing to compare with, and why (one line). */
  | { readonly kind: 'none'; readonly reason: string };

export interface ResolveBaseDeps {
  /** Reads an SSM parameter; undefined when it does not exist. */
  readonly readParameter?: (name: string) => Promise<string | undefined>;
  /** @default 10000 */
  readonly healthTimeoutMs?: number;
}

export async function resolveBase(
  repoDir: string,
  base: string | undefined,
  env: NodeJS.ProcessEnv,
  deps: ResolveBaseDeps = {},
): Promise<Base> {
  if (base === 'production') return productionBase(repoDir, env, deps);
  if (base !== undefined) {
    const commit = await commitOf(repoDir, base);
    if (!commit) {
      throw new MigrationsCheckError(
        `--base "${base}" is not a commit or tag of this repository (run "git fetch --tags"?)`,
      );
    }
    return { kind: 'release', label: base, commit };
  }
  return newestReleaseTag(repoDir);
}

/** The newest `v*` tag reachable from HEAD (HEAD's own included). */
async function newestReleaseTag(repoDir: string): Promise<Base> {
  let tag: string;
  try {
    tag = (await git(repoDir, ['describe', '--tags', '--abbrev=0', '--match', 'v*', 'HEAD'])).trim();
  } catch {
    return { kind: 'none', reason: 'no v* release tag is an ancestor of HEAD' };
  }
  return { kind: 'release', label: tag, commit: (await commitOf(repoDir, `refs/tags/${tag}`))! };
}

async function productionBase(repoDir: string, env: NodeJS.ProcessEnv, deps: ResolveBaseDeps): Promise<Base> {
  let url = env.PRODUCTION_HEALTH_URL || undefined;
  const parameter = env.PRODUCTION_HEALTH_URL_PARAMETER || undefined;
  if (!url && parameter) {
    if (!deps.readParameter)
      throw new MigrationsCheckError('no SSM client to read PRODUCTION_HEALTH_URL_PARAMETER');
    url = await deps.readParameter(parameter);
    if (!url) {
      return {
        kind: 'none',
        reason: `Production has not been deployed yet (no SSM parameter ${parameter}): a first deployment`,
      };
    }
  }
  if (!url) {
    throw new MigrationsCheckError(
      '--base production needs PRODUCTION_HEALTH_URL or PRODUCTION_HEALTH_URL_PARAMETER',
    );
  }
  let version: string;
  try {
    version = await servedVersion(url, deps.healthTimeoutMs ?? 10_000);
  } catch (error) {
    // Production down must not block the fix: compare with the release a rollback would redeploy.
    const fallback = await newestReleaseTag(repoDir);
    const { message, cause } = error as Error & { cause?: { code?: string } };
    const why = `Production's health (${url}) gave no version: ${cause?.code ?? message}`;
    return fallback.kind === 'release'
      ? { ...fallback, note: `${why}; comparing with the newest release tag instead` }
      : { kind: 'none', reason: `${why}, and ${fallback.reason}` };
  }
  const commit = await commitOf(repoDir, version);
  if (!commit) {
    throw new MigrationsCheckError(
      `Production serves ${version}, which is not a commit of this repository (a shallow clone?)`,
    );
  }
  return { kind: 'release', label: `production (${version.slice(0, 12)})`, commit };
}

async function servedVersion(url: string, timeoutMs: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json().catch(() => null)) as { version?: unknown } | null;
  const version = body?.version;
  if (typeof version !== 'string' || !/^[0-9a-f]{7,40}$/.test(version)) {
    throw new Error(`no commit in its "version" (${JSON.stringify(version ?? null)})`);
  }
  return version;
}
