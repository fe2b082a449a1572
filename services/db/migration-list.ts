/**
 * Every migration, in order. Listed statically so esbuild bundles them into the migration Lambda
 * (which has no migrations directory on disk). To add one: create
 * `migrations/<unix-ms>_<kebab-name>.ts` exporting `up(pgm)` (and `down`), then add it here.
 */
import type { MigrationBuilder } from 'node-pg-migrate';
import * as initialSchema from './migrations/1764316800000_initial-schema.js';
import * as sessionsAndSignInThrottle from './migrations/1796156745935_sessions-and-sign-in-throttle.js';
import * as cellDraftedBy from './migrations/1796160000000_cell-drafted-by.js';
import * as passwordResetTokens from './migrations/1796170000000_password-reset-tokens.js';
import * as repeatingTasks from './migrations/1796180000000_repeating-tasks.js';

export interface MigrationModule {
  up(pgm: MigrationBuilder): void | Promise<void>;
  down?(pgm: MigrationBuilder): void | Promise<void>;
}

export const migrationList: ReadonlyArray<readonly [name: string, module: MigrationModule]> = [
  ['1764316800000_initial-schema', initialSchema],
  ['1796156745935_sessions-and-sign-in-throttle', sessionsAndSignInThrottle],
  ['1796160000000_cell-drafted-by', cellDraftedBy],
  ['1796170000000_password-reset-tokens', passwordResetTokens],
  ['1796180000000_repeating-tasks', repeatingTasks],
];
