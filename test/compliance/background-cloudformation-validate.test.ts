/**
 * BackgroundCloudFormationValidate must report exactly what aws-cdk-lib's CloudFormationValidatePlugin reports
 * on the same templates, and never reuse an early run for a template that changed since.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationValidatePlugin, type IPolicyValidationContext } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { BackgroundCloudFormationValidate } from '../../compliance/background-cloudformation-validate.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-background-validate-'));

/** A bucket using the deprecated AccessControl (W3045) unless `clean`, and a queue with a mistyped property. */
function writeTemplate(name: string, clean = false): string {
  const path = join(dir, `${name}.template.json`);
  const Resources = {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: clean ? {} : { AccessControl: 'LogDeliveryWrite' } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: clean ? 0 : 'soon' } },
  };
  writeFileSync(path, JSON.stringify({ Resources }, null, 1));
  return path;
}

function context(templatePaths: string[]): IPolicyValidationContext {
  return {
    templatePaths,
    stackTemplates: templatePaths.map((templatePath, index) => ({
      templatePath,
      stackConstructPath: `App/Stack${index}`,
      accountId: '111111111111',
      region: 'ap-northeast-1',
    })),
  } as unknown as IPolicyValidationContext;
}

function builtIn(templatePaths: string[]) {
  const plugin = new CloudFormationValidatePlugin();
  try {
    return plugin.validate(context(templatePaths));
  } finally {
    plugin._dispose();
  }
}

describe('BackgroundCloudFormationValidate', () => {
  const templates = [writeTemplate('a'), writeTemplate('b'), writeTemplate('c', true)];

  it('reports what the built-in plugin reports, warmed up or not', () => {
    const expected = builtIn(templates);
    expect(new Set(expected.violations.map((v) => v.ruleName)).size).toBeGreaterThan(1);

    expect(new BackgroundCloudFormationValidate().validate(context(templates))).toEqual(expected);

    const warmed = new BackgroundCloudFormationValidate();
    warmed.warmUp(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
    expect(warmed.validate(context(templates))).toEqual(expected);
  }, 60_000);

  it('uses an early start when nothing changed, and validates anew what did', () => {
    const unchanged = new BackgroundCloudFormationValidate();
    unchanged.prestart(context(templates));
    expect(unchanged.validate(context(templates))).toEqual(builtIn(templates));

    const changing = writeTemplate('changing', true);
    const changed = new BackgroundCloudFormationValidate();
    changed.prestart(context([changing]));
    writeTemplate('changing'); // now with findings
    const report = changed.validate(context([changing]));
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report).toEqual(builtIn([changing]));
  }, 60_000);

  it('reports a failure of the plugin as an error of its own, instead of waiting for an answer', () => {
    const schemas = mkdtempSync(join(dir, 'schemas-'));
    writeFileSync(join(schemas, 'broken.json'), '{ not json');
    const plugin = new BackgroundCloudFormationValidate({ _additionalSchemasDirectory: schemas });
    expect(() => plugin.validate(context(templates))).toThrow(/json|schema/i);
  }, 60_000);

  it('takes the place of the built-in instance under the same name', () => {
    const plugin = new BackgroundCloudFormationValidate();
    expect(plugin).toBeInstanceOf(CloudFormationValidatePlugin);
    expect(plugin.name).toBe(CloudFormationValidatePlugin.PLUGIN_NAME);
  });
});
