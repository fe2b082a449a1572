// Bundling stand-in for `glob`, which node-pg-migrate imports but only calls for glob patterns
// (`useGlob`); our migration directory is a plain path, listed with readdir. Saves ~80 KB.
export async function glob(): Promise<never> {
  throw new Error('glob is not bundled: pass node-pg-migrate a plain migrations directory');
}
