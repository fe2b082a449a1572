import { App, CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { PACK_NAMES } from '../../compliance/pack-names.js';
import { compliancePacks } from '../../compliance/packs.js';

describe('compliancePacks', () => {
  it('registers the packs PACK_NAMES lists, in its order, aws-cdk-lib adding its own CloudFormation validation last', () => {
    const names = compliancePacks(new App(), { backupWindowUtc: '18:00-19:00' }).map((pack) => pack.name);
    expect([...names, CloudFormationValidatePlugin.PLUGIN_NAME]).toEqual([...PACK_NAMES]);
  });
});
