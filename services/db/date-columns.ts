/**
 * `date` columns stay 'YYYY-MM-DD' strings instead of becoming midnight in the server's zone. pg's type
 * parsers are process-wide: every module reading a date column imports this one, whoever made its pool.
 */
import pg from 'pg';

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
