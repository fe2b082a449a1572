// `bakeMinutes`: how long production bakes under its alarms (pipeline/stage-bake.ts), production only, default 30.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEY, parseConfig } from '../../pipeline/config.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, Record<string, Record<string, unknown>>>;
};

function withProductionBake(value: unknown): unknown {
  const copy = structuredClone(cdkJson.context[CONTEXT_KEY]!);
  if (value === undefined) delete copy.production!.bakeMinutes;
  else copy.production!.bakeMinutes = value;
  return copy;
}

describe('bakeMinutes', () => {
  it('is read from the stage configuration, 30 minutes when left out', () => {
    expect(parseConfig(withProductionBake(45)).production.bakeMinutes).toBe(45);
    expect(parseConfig(withProductionBake(undefined)).production.bakeMinutes).toBe(30);
  });

  it('is production only: staging does not bake, so its bakeMinutes is refused as an unknown key', () => {
    const copy = structuredClone(cdkJson.context[CONTEXT_KEY]!);
    copy.staging!.bakeMinutes = 30;
    expect(() => parseConfig(copy)).toThrow(
      'configuration: goalMandala.staging has unknown key(s) bakeMinutes',
    );
  });

  it.each([
    [0, 'must be at least 1 minute'],
    [2.5, 'must be a whole number of minutes'],
    [1441, 'must be at most 1440 minutes (a day)'],
    ['30', 'must be a number, not a string'],
  ])('refuses %j, naming the key', (value, message) => {
    expect(() => parseConfig(withProductionBake(value))).toThrow(
      `configuration: goalMandala.production.bakeMinutes ${message}`,
    );
  });
});
