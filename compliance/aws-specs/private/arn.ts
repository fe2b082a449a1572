/** ARNs as IAM reads them: parsed into parts, and matched as IAM matches a Resource pattern (`*`, `?`). */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account: `role/name`, `alarm:name`, `bucket/key`. */
  readonly resource: string;
}

export function parseArn(text: string): Arn | undefined {
  const match = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/s.exec(text);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, service, region, account, resource };
}

/** Whether a Resource pattern (with `*` and `?`) matches an ARN, or one of its sub-resources (`bucket/key`). */
export function arnMatches(pattern: string, arn: string): boolean {
  const expression = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );
  if (expression.test(arn)) return true;
  // A pattern for a sub-resource of the ARN (`arn:aws:s3:::bucket/releases/*`) refers to it too.
  return pattern.length > arn.length && pattern.startsWith(arn) && '/:'.includes(pattern[arn.length]!);
}
