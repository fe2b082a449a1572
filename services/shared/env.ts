/**
 * The environment every API function shares (version, database, signing-key secret, pool size), validated
 * once at cold start with one readable line per problem. Settings that belong to one part are validated
 * where they are used: the AI limits (services/api/ai-job-limits.ts), the model (workflow/model/bedrock.ts),
 * the workflow starter's STATE_MACHINE_ARN, the notifier's webhook, and Powertools' own variables.
 */
import * as z from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const envSchema = z.object({
  /** Git commit the build was made from; `/api/health` reports it. */
  APP_VERSION: z.string().default('unknown'),
  /** Direct connection string (local stack, tests); wins over DB_SECRET_ARN. */
  DATABASE_URL: optional,
  /** Secrets Manager secret with the RDS credentials JSON (host, port, username, password, dbname). */
  DB_SECRET_ARN: optional,
  /** Secrets Manager secret whose string is the access-token signing key. */
  JWT_SECRET_ARN: optional,
  /** Pool size; Lambda serves one request at a time, so 2 covers a query plus the health probe. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(2),
  /** Delivery notifier: the pipeline stage that bakes under alarms, and for how long (minutes). */
  BAKED_STAGE: optional,
  BAKE_MINUTES: z.coerce.number().int().positive().optional(),
  /** Set by the Lambda runtime; tells "in AWS" apart from local runs. */
  AWS_LAMBDA_FUNCTION_NAME: optional,
});

export type RuntimeEnv = z.infer<typeof envSchema>;

/** A configuration mistake: the message is one line naming the variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

let cached: RuntimeEnv | undefined;

/** Parsed runtime environment, cached for the container's life. */
export function runtimeEnv(): RuntimeEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EnvError(`environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const env = parsed.data;
  if (env.AWS_LAMBDA_FUNCTION_NAME && !env.DATABASE_URL && !env.DB_SECRET_ARN) {
    throw new EnvError('environment variable DB_SECRET_ARN: required on Lambda (or DATABASE_URL)');
  }
  cached = env;
  return env;
}

/** Forget the cached environment (tests and the local stack change variables before first use). */
export function resetRuntimeEnv(): void {
  cached = undefined;
}
