import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A cfn-guard rule file and the CloudFormation resource types it checks. */
export interface GuardRuleFile {
  readonly path: string;
  /** The resource types its hook clauses name; empty if it has none (such a file is always run). */
  readonly types: ReadonlySet<string>;
}

/** `let NAME = "AWS::Service::Resource"` */
const TYPE_VARIABLE = /^let\s+(\w+)\s*=\s*["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']/gm;
/** `is_cfn_hook(%INPUT_DOCUMENT, %NAME)` or `is_cfn_hook(%INPUT_DOCUMENT, "AWS::…")` */
const HOOK_CLAUSE =
  /is_cfn_hook\(\s*%INPUT_DOCUMENT\s*,\s*(?:%(\w+)|["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["'])\s*\)/g;

/**
 * The resource types a rule file checks.
 *
 * Each Control Tower rule comes in two forms: one for a template, selecting `Resources.*[ Type == %X_TYPE ]`,
 * and one for a CloudFormation hook, `when is_cfn_hook(%INPUT_DOCUMENT, %X_TYPE)`, with the same type
 * variables. The hook form names exactly the types the rule evaluates; other types a file names are only
 * where a reference may point (`check_local_references(…, "AWS::Logs::LogGroup")`) and cannot make it run.
 */
function checkedTypes(text: string): Set<string> {
  const code = text.replace(/^\s*#.*$/gm, '');
  const variables = new Map([...code.matchAll(TYPE_VARIABLE)].map((match) => [match[1]!, match[2]!]));
  const types = new Set<string>();
  for (const [, variable, literal] of code.matchAll(HOOK_CLAUSE)) {
    const type = literal ?? variables.get(variable!);
    // A hook on a type this file does not spell out: the file's scope is unknown, so it is always run.
    if (!type) return new Set();
    types.add(type);
  }
  return types;
}

/** The `.guard` / `.ruleset` files under `rulePath` (a file or a directory), in directory order. */
export function indexGuardRules(rulePath: string): GuardRuleFile[] {
  if (statSync(rulePath).isFile())
    return [{ path: rulePath, types: checkedTypes(readFileSync(rulePath, 'utf8')) }];
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
 * A rule whose checked types are all absent from the template can only report SKIP. cfn-guard's cost grows
 * with rules × template size, so leaving those out makes it several times faster with the same findings
 * (aws-cdk-lib selects its built-in Rego rules by resource type the same way). A rule file checking no
 * known type is always kept.
 */
export function rulesForTypes(rules: readonly GuardRuleFile[], types: ReadonlySet<string>): string[] {
  return rules
    .filter((rule) => rule.types.size === 0 || [...rule.types].some((type) => types.has(type)))
    .map((rule) => rule.path);
}
