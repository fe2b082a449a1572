import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './temp-dir.js';

describe('tempDir', () => {
  let madeInBeforeAll: string;
  let madeInTest: string;
  beforeAll(() => {
    madeInBeforeAll = tempDir('gm-temp-dir-all-');
  });
  afterAll(() => {
    // the file-level removal runs after this suite's own afterAll
    expect(existsSync(madeInBeforeAll)).toBe(true);
  });

  it('makes a directory that lasts for its test', () => {
    madeInTest = tempDir('gm-temp-dir-test-');
    expect(existsSync(madeInTest)).toBe(true);
  });

  it('removed it when that test ended, and keeps one made in beforeAll for the whole file', () => {
    expect(existsSync(madeInTest)).toBe(false);
    expect(existsSync(madeInBeforeAll)).toBe(true);
  });
});
