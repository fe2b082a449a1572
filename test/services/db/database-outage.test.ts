/**
 * What counts as "the database cannot be reached": the API answers 503 and the workflow retries these;
 * anything else (a bug, bad data) is a plain failure.
 */
import { describe, expect, it } from 'vitest';
import { isDatabaseOutage } from '../../../services/db/database-outage.js';

function pgError(code: string, message = 'server said no'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseOutage', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    // node tries every address of "localhost": the AggregateError's message is empty, its code says it all
    [
      'connection refused on every address',
      Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }),
    ],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['connect timeout', Object.assign(new Error('connect ETIMEDOUT 10.0.0.5:5432'), { code: 'ETIMEDOUT' })],
    ['broken pipe', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND' })],
    [
      'unreachable host',
      Object.assign(new Error('connect EHOSTUNREACH 10.0.0.5:5432'), { code: 'EHOSTUNREACH' }),
    ],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['client connection error', new Error('Client has encountered a connection error and is not queryable')],
    ['query read timeout', new Error('Query read timeout')],
    ['08006 connection failure', pgError('08006')],
    ['08001 cannot establish connection', pgError('08001')],
    ['08P01 protocol violation', pgError('08P01')],
    ['57P01 admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', pgError('57P02')],
    ['57P03 cannot connect now', pgError('57P03', 'the database system is starting up')],
    ['3D000 missing database', pgError('3D000', 'database "goal_mandala" does not exist')],
    ['28000 role may not log in', pgError('28000', 'role "app" is not permitted to log in')],
    [
      '28P01 wrong password after a rotation',
      pgError('28P01', 'password authentication failed for user "app"'),
    ],
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already')],
  ])('%s is an outage', (_, error) => {
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it.each([
    ['unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['check violation', pgError('23514')],
    ['57014 query canceled (a statement timeout is the query, not the server)', pgError('57014')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an Error at all', { code: '08006', message: 'Connection terminated' }],
    ['nothing', undefined],
  ])('%s is not an outage', (_, error) => {
    expect(isDatabaseOutage(error)).toBe(false);
  });
});
