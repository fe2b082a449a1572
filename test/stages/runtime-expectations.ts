/**
 * What the tests expect of every project function, computed independently of the code under test:
 * the newest `nodejsNN.x` member of aws-cdk-lib's `lambda.Runtime`, read at test time.
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';

export function newestNodeRuntimeName(): string {
  const versions = Object.values(lambda.Runtime)
    .filter((runtime): runtime is lambda.Runtime => runtime instanceof lambda.Runtime)
    .map((runtime) => /^nodejs(\d+)\.x$/.exec(runtime.name)?.[1])
    .filter((major): major is string => major !== undefined)
    .map(Number);
  return `nodejs${Math.max(...versions)}.x`;
}
