import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A cfn-guard rule file and the CloudFormation resource types it names. */
export interface GuardRuleFile {
  readonly path: string;
  /** Every `AWS::Service::Resource` string literal in the file; empty if it names none. */
  readonly types: ReadonlySet<string>;
}

const TYPE_LITERAL = /["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']/g;

/** The `.guard` / `.ruleset` files under `rulePath` (a file or a directory), in directory order. */
export function indexGuardRules(rulePath: string): GuardRuleFile[] {
  if (statSync(rulePath).isFile()) {
    const text = readFileSync(rulePath, 'utf8');
    return [{ path: rulePath, types: new Set([...text.matchAll(TYPE_LITERAL)].map((match) => match[1]!)) }];
  }
  return readdirSync(rulePath, { withFileTypes: true })
    .filter((item) => item.isDirectory() || /\.(guard|ruleset)$/.test(item.name))
    .flatMap((item) => indexGuardRules(join(rulePath, item.name)));
}

/** The resource types a CloudFormation template declares. */
export function templateResourceTypes(templatePath: string): Set<string> {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
    Resources?: Record<string, { Type?: unknown }>;
  };
  return new Set(
    Object.values(template.Resources ?? {})
      .map((resource) => resource.Type)
      .filter((type): type is string => typeof type === 'string'),
  );
}

/**
 * The rule files that can find anything in a template of these resource types.
 *
 * Every Control Tower rule selects the resources it checks by type (`Resources.*[ Type == 'AWS::…' ]`)
 * and skips when none are there, so a rule naming none of the template's types can only report SKIP.
 * cfn-guard's cost grows with rules × template size, so leaving those out makes it several times faster
 * with the same findings (aws-cdk-lib selects its built-in Rego rules by resource type the same way).
 * A rule file naming no type at all is always kept.
 */
export function rulesForTypes(rules: readonly GuardRuleFile[], types: ReadonlySet<string>): string[] {
  return rules
    .filter((rule) => rule.types.size === 0 || [...rule.types].some((type) => types.has(type)))
    .map((rule) => rule.path);
}
