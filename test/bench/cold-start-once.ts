/** One cold start, shared by `bench:api` and `bench:cold-start`. */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Wall time (ms) of a fresh node process that imports `file` and exits, in Lambda's environment. */
export function coldStartOnce(file: string): number {
  const script = `await import(${JSON.stringify(pathToFileURL(file).href)}); process.exit(0);`;
  // As on Lambda: modules that behave differently there (the tracer) take their Lambda path.
  const env = {
    ...process.env,
    AWS_LAMBDA_FUNCTION_NAME: 'bench-cold-start',
    // A token function refuses to start on Lambda without its key's secret (read on the first request only).
    JWT_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-1:000000000000:secret:bench-cold-start',
    NODE_OPTIONS: '',
  };
  const started = performance.now();
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe', env });
  if (out.status !== 0) {
    // A minified bundle's stack starts with a whole line of code: name the error line instead.
    const lines = out.stderr.toString().split('\n');
    const reason = lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-2) ?? '';
    throw new Error(`cold start of ${file} failed: ${reason.slice(0, 300)}`);
  }
  return performance.now() - started;
}
