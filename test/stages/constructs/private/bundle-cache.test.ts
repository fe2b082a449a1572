import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceBundleOf } from '../../../../stages/constructs/private/bundle-cache.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** A project of two handlers sharing nothing but the lock file; `greeting.ts` is only the first one's. */
function project(): { root: string; cacheDir: string; write(file: string, text: string): void } {
  const root = tempDir('gm-bundle-cache-');
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('package.json', JSON.stringify({ name: 'bundled', type: 'module' }));
  write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: {} }));
  write(
    'handlers/greet.ts',
    "import { greeting } from '../lib/greeting.js';\nexport const handler = async () => greeting;\n",
  );
  write('lib/greeting.ts', "export const greeting = 'first greeting';\n");
  write('handlers/count.ts', 'export const handler = async () => 42;\n');
  return { root, cacheDir: join(root, 'cache'), write };
}

const bundleText = (directory: string) => readFileSync(join(directory, 'index.mjs'), 'utf8');

describe('service bundles, cached by content', () => {
  it('builds once, then finds the bundle again while nothing that goes into it changed', () => {
    const { root, cacheDir } = project();
    const entry = join(root, 'handlers/greet.ts');
    const first = serviceBundleOf({ entry, projectRoot: root, cacheDir });
    expect(first.built).toBe(true);
    expect(bundleText(first.directory)).toContain('first greeting');
    expect(existsSync(join(first.directory, 'index.mjs.map'))).toBe(true);

    const again = serviceBundleOf({ entry, projectRoot: root, cacheDir });
    expect(again).toEqual({ ...first, built: false });
  });

  it('rebuilds the bundle a changed source goes into, and only that one, never serving the old one', () => {
    const { root, cacheDir, write } = project();
    const greet = join(root, 'handlers/greet.ts');
    const count = join(root, 'handlers/count.ts');
    const before = serviceBundleOf({ entry: greet, projectRoot: root, cacheDir });
    const countBefore = serviceBundleOf({ entry: count, projectRoot: root, cacheDir });

    write('lib/greeting.ts', "export const greeting = 'second greeting';\n");
    const after = serviceBundleOf({ entry: greet, projectRoot: root, cacheDir });
    expect(after.built).toBe(true);
    expect(after.assetHash).not.toBe(before.assetHash);
    expect(bundleText(after.directory)).toContain('second greeting');
    expect(bundleText(after.directory)).not.toContain('first greeting');
    expect(serviceBundleOf({ entry: count, projectRoot: root, cacheDir })).toEqual({
      ...countBefore,
      built: false,
    });
  });

  it('rebuilds every bundle when the lock file changes (what node_modules holds)', () => {
    const { root, cacheDir, write } = project();
    const entry = join(root, 'handlers/count.ts');
    const before = serviceBundleOf({ entry, projectRoot: root, cacheDir });
    write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': { version: '2' } } }));
    const after = serviceBundleOf({ entry, projectRoot: root, cacheDir });
    expect(after.built).toBe(true);
    expect(after.assetHash).not.toBe(before.assetHash);
  });
});
