/** A mistake or a refused migration, told in one line (bin/migrations-check.ts prints only the message). */
export class MigrationsCheckError extends Error {
  override name = 'MigrationsCheckError';
}
