import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Major version of a `nodejsNN.x` runtime name, or undefined for other names (`nodejs`, `nodejs4.3`...). */
export function nodeMajorVersion(runtime: lambda.Runtime): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime.name);
  return match ? Number(match[1]) : undefined;
}

/**
 * The newest Node.js runtime this aws-cdk-lib knows, found among `lambda.Runtime`'s fixed members
 * (never the variable `NODEJS_LATEST`, whose meaning changes under a deployed stack). Upgrading
 * aws-cdk-lib therefore moves every function to the newest runtime in one reviewed diff.
 */
export function newestNodeRuntime(): lambda.Runtime {
  const candidates = Object.values(lambda.Runtime).filter(
    (value): value is lambda.Runtime =>
      value instanceof lambda.Runtime &&
      value.family === lambda.RuntimeFamily.NODEJS &&
      !value.isVariable &&
      nodeMajorVersion(value) !== undefined,
  );
  const newest = candidates.sort((a, b) => nodeMajorVersion(b)! - nodeMajorVersion(a)!)[0];
  if (!newest) throw new Error('aws-cdk-lib offers no nodejsNN.x Lambda runtime');
  return newest;
}
