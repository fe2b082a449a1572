// What every service bundle leaves out, seen in a real bundle of pg built with the services' own options.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceBuildOptions } from '../../../../stages/constructs/private/bundling-options.js';

const projectRoot = new URL('../../../../', import.meta.url).pathname;
// Inside the project, as the bundle cache builds (node_modules/.cache): paths it leaves out stay relative.
const work = join(projectRoot, 'node_modules/.cache', `gm-bundling-options-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('service bundles', () => {
  it("leave out pg's pg-native client; pg still loads and reports no native client", async () => {
    mkdirSync(work, { recursive: true });
    const entry = join(work, 'entry.ts');
    writeFileSync(
      entry,
      "import pg from 'pg';\nexport const native = pg.native;\nexport const Pool = pg.Pool;\n",
    );
    const outdir = join(work, 'out');
    await build(serviceBuildOptions(entry, projectRoot, outdir));

    const code = readdirSync(outdir)
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(outdir, file), 'utf8'))
      .join('\n');
    expect(code).not.toContain('pg-native'); // the native client's own require of the bindings
    expect(code).not.toContain(projectRoot); // no path of the machine that built it
    const bundle = (await import(pathToFileURL(join(outdir, 'index.mjs')).href)) as {
      native: unknown;
      Pool: unknown;
    };
    expect(bundle.native).toBeNull();
    expect(typeof bundle.Pool).toBe('function');
  });
});
