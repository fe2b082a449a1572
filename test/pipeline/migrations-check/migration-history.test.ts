import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrationHistory } from '../../../pipeline/migrations-check/migration-history.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { git } from './scratch-clone.js';

/** A repository whose first commit (returned) has two migrations. */
function repoWithRelease(): { dir: string; release: string } {
  const dir = tempDir('gm-history-');
  git(dir, 'init', '--quiet');
  mkdirSync(join(dir, MIGRATIONS_DIR), { recursive: true });
  write(dir, '1764316800000_initial-schema', 'CREATE TABLE goals ()');
  write(dir, '1796156745935_sessions', 'CREATE TABLE sessions ()');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'release');
  return { dir, release: git(dir, 'rev-parse', 'HEAD').trim() };
}

function write(dir: string, name: string, sql: string): void {
  writeFileSync(join(dir, MIGRATIONS_DIR, `${name}.ts`), `// ${sql}\n`);
}

const released = ['1764316800000_initial-schema', '1796156745935_sessions'];

describe("HEAD's migrations against REF's", () => {
  it("lists the migrations HEAD added, whether committed or not, and accepts REF's history kept", async () => {
    const { dir, release } = repoWithRelease();
    write(dir, '1796160000000_committed', 'ALTER TABLE goals ADD COLUMN a text');
    git(dir, 'add', '-A');
    git(dir, 'commit', '--quiet', '-m', 'one more');
    write(dir, '1796170000000_working-tree', 'ALTER TABLE goals ADD COLUMN b text');

    const history = await migrationHistory(dir, release, [
      ...released,
      '1796160000000_committed',
      '1796170000000_working-tree',
    ]);
    expect(history).toEqual({
      added: ['1796160000000_committed', '1796170000000_working-tree'],
      rewritten: [],
    });
  });

  it('refuses an applied migration changed, deleted or dropped from the list, and a new one sorting before it', async () => {
    const { dir, release } = repoWithRelease();
    write(dir, '1764316800000_initial-schema', 'CREATE TABLE goals (id uuid)');
    rmSync(join(dir, MIGRATIONS_DIR, '1796156745935_sessions.ts'));
    write(dir, '1796150000000_too-early', 'ALTER TABLE goals ADD COLUMN a text');

    const history = await migrationHistory(dir, release, [
      '1764316800000_initial-schema',
      '1796150000000_too-early',
    ]);
    expect(history.added).toEqual(['1796150000000_too-early']);
    expect(history.rewritten).toEqual([
      '1764316800000_initial-schema was applied by REF and has changed since: an applied migration never changes',
      '1796156745935_sessions was applied by REF and its file is gone',
      '1796150000000_too-early sorts before a migration REF already applied: node-pg-migrate would refuse to run it',
    ]);
  });

  it('refuses an applied migration whose file stays but whose list entry is gone', async () => {
    const { dir, release } = repoWithRelease();
    const history = await migrationHistory(dir, release, ['1764316800000_initial-schema']);
    expect(history.rewritten).toEqual([
      "1796156745935_sessions was applied by REF and is missing from HEAD's migration list",
    ]);
  });
});
