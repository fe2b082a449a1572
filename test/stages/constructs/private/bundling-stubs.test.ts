import { describe, expect, it } from 'vitest';
import { glob } from '../../../../stages/constructs/private/bundling-stubs/glob.js';
import { createJiti } from '../../../../stages/constructs/private/bundling-stubs/jiti.js';
import * as semver from '../../../../stages/constructs/private/bundling-stubs/semver.js';

describe('bundling stand-ins', () => {
  it('semver compares x.y.z versions as the X-Ray SDK needs (cls-hooked: gte(node, 8.0.0))', () => {
    expect(semver.gte(process.versions.node, '8.0.0')).toBe(true);
    expect(semver.gte('v20.20.2', '20.20.2')).toBe(true);
    expect(semver.gte('2.9.0', '2.10.0')).toBe(false);
    expect(semver.lt('1.2.3', '1.10.0')).toBe(true);
    expect(semver.compare('3.0.0', '2.99.99')).toBe(1);
    expect(semver.eq('1.0.0', '1.0.0')).toBe(true);
  });

  it('semver refuses what it cannot compare instead of guessing', () => {
    expect(() => semver.gte('^1.2.0', '1.0.0')).toThrow('semver stand-in: not an x.y.z version: ^1.2.0');
  });

  it('jiti and glob load, and fail loudly if a code path ever calls them', async () => {
    const jiti = createJiti();
    expect(() => jiti.import()).toThrow(/jiti is not bundled/);
    await expect(glob()).rejects.toThrow(/glob is not bundled/);
  });
});
