/**
 * Which AI draft wrote a cell: set when a draft fills it, cleared when the person edits it. The web app
 * marks such cells, and "Undo draft" empties the cells the last draft wrote that nobody has touched since.
 */
import type { MigrationBuilder } from 'node-pg-migrate';

export function up(pgm: MigrationBuilder): void {
  pgm.sql(`
    -- No foreign key: a deleted job (its goal deleted) takes the cells with it anyway, by cascade.
    ALTER TABLE sub_goals ADD COLUMN drafted_by uuid;
    ALTER TABLE actions ADD COLUMN drafted_by uuid;
  `);
}

export function down(pgm: MigrationBuilder): void {
  pgm.sql('ALTER TABLE sub_goals DROP COLUMN drafted_by; ALTER TABLE actions DROP COLUMN drafted_by;');
}
