// The change review role's stack passes every compliance pack `cdk synth` runs, with its acknowledged
// findings being exactly the per-stack ARN wildcards (the id CloudFormation appends to a stack's ARN).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { registerCompliance } from '../../compliance/register.js';
import { ChangeReviewAccessStack } from '../../pipeline/change-review-access-stack.js';
import { readCdkJsonConfig, readAppContext } from '../../pipeline/config.js';

const context = readAppContext();
const outdir = mkdtempSync(join(tmpdir(), 'gm-review-access-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the change review access stack under the compliance packs', () => {
  it('synthesizes with no unacknowledged finding; only the stack-id wildcards are acknowledged', () => {
    // A stand-in for the Production stage, outside the checked app: only its stacks' names matter here.
    const production = new Stage(new App(), 'Production', {
      env: { account: '333333333333', region: 'ap-northeast-1' },
    });
    for (const name of ['Network', 'Data']) new Stack(production, name);

    const app = new App({ outdir, context });
    registerCompliance(app, { backupWindowUtc: readCdkJsonConfig().backupWindowUtc });
    const access = new ChangeReviewAccessStack(app, 'GoalMandalaChangeReviewAccess', {
      stage: production,
      appName: 'goal-mandala',
      toolchainAccount: '111111111111',
    });
    expect(() => app.synth()).not.toThrow();

    const acknowledged = access.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
      )
      .flatMap((entry) => Object.keys(entry.data as Record<string, unknown>));
    expect(acknowledged.sort()).toEqual([
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:cloudformation:ap-northeast-1:333333333333:stack/Production-Data/*]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:cloudformation:ap-northeast-1:333333333333:stack/Production-Network/*]',
    ]);
  });
});
