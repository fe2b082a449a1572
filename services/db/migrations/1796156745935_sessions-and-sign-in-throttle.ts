/**
 * Sessions that can end (sign-out, password change, account deletion) and the failed sign-in counters
 * that slow password guessing. Both live in the database: Lambda containers share nothing.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    -- One row per signed-in access token (its \`sid\` claim). Ending a session deletes its row.
    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_id_idx ON sessions (user_id, created_at);

    -- Failed sign-ins per key ('account:<e-mail>' or 'address:<client address>') in a fixed window.
    CREATE TABLE sign_in_throttle (
      key text PRIMARY KEY CHECK (length(key) <= 400),
      failures integer NOT NULL CHECK (failures >= 0),
      window_started_at timestamptz NOT NULL
    );
    CREATE INDEX sign_in_throttle_window_idx ON sign_in_throttle (window_started_at);

    -- The address of the account's last successful sign-in: the account-wide throttle spares it, so an
    -- attacker elsewhere cannot lock the real user out.
    ALTER TABLE users ADD COLUMN last_sign_in_address text CHECK (length(last_sign_in_address) <= 100);
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql(`
    ALTER TABLE users DROP COLUMN last_sign_in_address;
    DROP TABLE sign_in_throttle, sessions;
  `);
}
