/**
 * Password reset links: one row per link e-mailed, holding only the SHA-256 of its token (a database leak
 * gives no usable link). A row stays after use, so the per-account limit on links an hour counts it.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    CREATE TABLE password_reset_tokens (
      token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz
    );
    CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id, created_at);
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('DROP TABLE password_reset_tokens;');
}
