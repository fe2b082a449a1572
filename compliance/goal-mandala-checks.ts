import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ApiCorsAnyOrigin } from './rules/api-cors-any-origin.js';
import { ApiDataTrace } from './rules/api-data-trace.js';
import { RdsBackupWindow } from './rules/rds-backup-window.js';
import { SecretInTemplate } from './rules/secret-in-template.js';

export interface GoalMandalaChecksProps extends NagPackProps {
  /** The nightly quiet window (UTC `hh:mm-hh:mm`) database backups must fall in: the app config's `backupWindowUtc`. */
  readonly backupWindowUtc: string;
}

/**
 * What the stock packs miss: secrets in templates, CORS for any origin, API Gateway data trace, and RDS
 * backups at the wrong time of day. A cdk-nag pack like the others, so findings and acknowledgements work the same way (`GoalMandala::GoalMandala-<Rule>`).
 */
export class GoalMandalaChecks extends NagPack {
  readonly name = 'GoalMandala';
  private readonly rdsBackupWindow: (node: CfnResource) => NagRuleResult;

  constructor(scope: IConstruct | undefined, props: GoalMandalaChecksProps) {
    super(scope, props);
    this.packName = 'GoalMandala';
    this.rdsBackupWindow = RdsBackupWindow(props.backupWindowUtc);
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'SecretInTemplate',
      info: 'A secret value or resolved secret reference is in the template or a Lambda environment.',
      explanation:
        'Template values and Lambda environment variables are readable by anyone who can describe the stack or the function. Pass the secret ARN and read the value at run time.',
      level: NagMessageLevel.ERROR,
      rule: SecretInTemplate,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'ApiCorsAnyOrigin',
      info: "API Gateway answers CORS requests with Access-Control-Allow-Origin '*'.",
      explanation: 'Any web site could call the API from a signed-in browser. Allow only the site origin.',
      level: NagMessageLevel.ERROR,
      rule: ApiCorsAnyOrigin,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'ApiDataTrace',
      info: 'API Gateway data trace (full request and response logging) is enabled.',
      explanation:
        'Data trace writes request and response bodies, including passwords and tokens, to CloudWatch Logs.',
      level: NagMessageLevel.ERROR,
      rule: ApiDataTrace,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RdsBackupWindow',
      info: 'The RDS backup window is missing or outside the configured quiet window (UTC).',
      explanation:
        'Backups add I/O load; RDS windows are UTC, so a window meant as Tokyo night-time must be converted.',
      level: NagMessageLevel.ERROR,
      rule: this.rdsBackupWindow,
      node,
    });
  }
}
