import { describe, expect, it } from 'vitest';
import { MigrationsCheckError } from '../../../pipeline/migrations-check/migrations-check-error.js';
import {
  MIGRATIONS_CHECK_USAGE,
  parseMigrationsCheckArgs,
} from '../../../pipeline/migrations-check/parse-args.js';

describe('npm run migrations:check arguments', () => {
  it('defaults to the newest release tag on the local PostgreSQL server', () => {
    expect(parseMigrationsCheckArgs([])).toEqual({ help: false, base: undefined, database: 'server' });
  });

  it('takes a base and the embedded database', () => {
    expect(parseMigrationsCheckArgs(['--base', 'v1.3.0', '--database', 'pglite'])).toEqual({
      help: false,
      base: 'v1.3.0',
      database: 'pglite',
    });
    expect(parseMigrationsCheckArgs(['--base=production'])).toMatchObject({ base: 'production' });
  });

  it('answers --help before looking at anything else', () => {
    expect(parseMigrationsCheckArgs(['--help'])).toEqual({ help: true });
    expect(parseMigrationsCheckArgs(['--database', 'oracle', '-h'])).toEqual({ help: true });
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--database', 'oracle'], '--database must be "server" or "pglite", not "oracle"'],
    [['--base', '--oops'], "Option '--base' argument is ambiguous"],
    [['--base', 'v1;rm'], '--base must be a tag, a commit or "production", not "v1;rm"'],
    [['extra'], "Unexpected argument 'extra'"],
  ])('refuses %j in one line naming the option, with the usage', (argv, message) => {
    let error: unknown;
    try {
      parseMigrationsCheckArgs(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MigrationsCheckError);
    const text = (error as Error).message;
    expect(text).toContain(message);
    expect(text).toContain(MIGRATIONS_CHECK_USAGE);
    expect(text).not.toContain('\n');
  });
});
