// Bundling stand-in for `jiti` (a TypeScript loader node-pg-migrate creates at import time to load
// migration files from disk). Our migrations are bundled from a static list and loaded by our own
// strategy, so the loader is never called; this keeps ~180 KB of compiler out of every bundle.
export function createJiti(): { import(): never } {
  return {
    import(): never {
      throw new Error('jiti is not bundled: migrations load from services/db/migration-list.ts');
    },
  };
}
