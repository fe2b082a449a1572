/**
 * One esbuild bundle per content: a service bundle is built in-process (esbuild's JS API, no `npx` per
 * function) into a cache, and found there again while nothing that goes into it has changed. What goes in is
 * recorded from esbuild's metafile at build time: every source file by its content hash, plus the lock file
 * (for everything under node_modules), tsconfig.json, package.json, esbuild's version and the build options.
 * The bundle's asset hash is computed from those, so CDK finds the staged asset and copies nothing twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { serviceBuildOptions } from './bundling-options.js';

export interface BundleRequest {
  /** Absolute path of the handler module. */
  readonly entry: string;
  /** The project the entry belongs to: its lock file, tsconfig.json and package.json count as inputs. */
  readonly projectRoot: string;
  /** @default - `node_modules/.cache/goal-mandala-bundles` in the project */
  readonly cacheDir?: string;
}

export interface ServiceBundle {
  /** Directory holding `index.mjs`, the chunks it loads lazily, and their source maps. */
  readonly directory: string;
  /** Hash of everything that went into the bundle (inputs and options). */
  readonly assetHash: string;
  /** True if esbuild ran for this call, false if the cached bundle was still current. */
  readonly built: boolean;
}

/** What a cache entry records: the bundle it made and the content hash of each of its source files. */
interface Manifest {
  readonly assetHash: string;
  readonly inputs: Record<string, string>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function fileHash(path: string): string {
  return existsSync(path) ? sha256(readFileSync(path)) : 'absent';
}

/**
 * What changes a bundle besides its source files: esbuild's version, the build options (paths relative to the
 * project, so two clones agree), and the files esbuild reads without listing them as inputs. The lock file
 * stands for everything under node_modules.
 */
function settingsFingerprint(options: BuildOptions, projectRoot: string): string {
  const { entryPoints: _entry, absWorkingDir: _root, alias = {}, ...rest } = options;
  return sha256(
    JSON.stringify({
      esbuild: esbuildVersion,
      options: rest,
      alias: Object.fromEntries(
        Object.entries(alias).map(([name, path]) => [name, relative(projectRoot, path)]),
      ),
      lockFile: fileHash(join(projectRoot, 'package-lock.json')),
      tsconfig: fileHash(join(projectRoot, 'tsconfig.json')),
      packageJson: fileHash(join(projectRoot, 'package.json')),
    }),
  );
}

/** A metafile input that is a source file of its own (not under node_modules, which the lock file covers). */
const isSource = (input: string) => !/(^|\/)node_modules\//.test(input) && !input.includes(':');

function currentInputs(inputs: readonly string[], projectRoot: string): Record<string, string> {
  return Object.fromEntries(inputs.map((input) => [input, fileHash(join(projectRoot, input))]));
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Writes a file so that a concurrent reader sees the old content or the new one, never half of it. */
function writeAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/**
 * The bundle of `entry`, from the cache if every input recorded at its last build is unchanged, else built
 * now (and cached). Safe for concurrent processes (test workers): each builds apart and moves its result in.
 */
export function serviceBundleOf(request: BundleRequest): ServiceBundle {
  const { entry, projectRoot } = request;
  const cacheDir = request.cacheDir ?? join(projectRoot, 'node_modules/.cache/goal-mandala-bundles');
  // The output directory is left out of what identifies the build: the bundle is the same wherever it is built.
  const options = serviceBuildOptions(entry, projectRoot, '');
  const settings = settingsFingerprint(options, projectRoot);
  const manifestFile = join(
    cacheDir,
    'entries',
    `${sha256(`${relative(projectRoot, entry)}\n${settings}`)}.json`,
  );
  const bundleDir = (assetHash: string) => join(cacheDir, 'bundles', assetHash);

  const cached = readManifest(manifestFile);
  if (
    cached &&
    existsSync(join(bundleDir(cached.assetHash), 'index.mjs')) &&
    JSON.stringify(currentInputs(Object.keys(cached.inputs), projectRoot)) === JSON.stringify(cached.inputs)
  ) {
    return { directory: bundleDir(cached.assetHash), assetHash: cached.assetHash, built: false };
  }

  const building = join(cacheDir, 'building', `${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(building, { recursive: true });
  try {
    const result = buildSync({ ...options, outdir: building, metafile: true });
    const inputs = currentInputs(Object.keys(result.metafile!.inputs).filter(isSource).sort(), projectRoot);
    const assetHash = sha256(JSON.stringify({ settings, entry: relative(projectRoot, entry), inputs }));
    const target = bundleDir(assetHash);
    mkdirSync(join(cacheDir, 'bundles'), { recursive: true });
    // Another process may have built the same content meanwhile: its bundle is as good as this one.
    if (!existsSync(target)) {
      try {
        renameSync(building, target);
      } catch (error) {
        if (!existsSync(target)) throw error;
      }
    }
    mkdirSync(join(cacheDir, 'entries'), { recursive: true });
    writeAtomically(manifestFile, JSON.stringify({ assetHash, inputs } satisfies Manifest));
    // The entry's previous bundle can no longer be current: drop it so the cache does not grow.
    if (cached && cached.assetHash !== assetHash)
      rmSync(bundleDir(cached.assetHash), { recursive: true, force: true });
    return { directory: target, assetHash, built: true };
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
