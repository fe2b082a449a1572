/** A benchmark setting from the environment: a positive whole number, or one clear line and exit 1. */
export function positiveInt(bench: string, name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${bench}: ${name} must be a positive whole number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}
