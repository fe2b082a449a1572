// Bundling stand-in for `semver`. Inside our bundles it is only used through the X-Ray SDK
// (cls-hooked checks `gte(process.versions.node, '8.0.0')` at load, the AWS SDK v2 patcher checks
// the v2 SDK's version), i.e. comparisons of plain x.y.z versions; the real package adds ~28 KB to
// every bundle. Anything else fails loudly instead of answering wrongly.

function parts(version: string): number[] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(version));
  if (!match) throw new TypeError(`semver stand-in: not an x.y.z version: ${version}`);
  return match.slice(1).map(Number);
}

export function compare(a: string, b: string): -1 | 0 | 1 {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

export const gte = (a: string, b: string): boolean => compare(a, b) >= 0;
export const lt = (a: string, b: string): boolean => compare(a, b) < 0;
export const eq = (a: string, b: string): boolean => compare(a, b) === 0;
