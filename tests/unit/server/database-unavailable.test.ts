import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../server/src/db/database';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('a database that is away, as an error', () => {
  it('is told by SQLSTATE (shutting down, starting up, connection exceptions, full), socket code, or node-postgres message', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // One error per address tried (localhost as ::1 and 127.0.0.1), or wrapped.
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], ''))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: withCode('57P01') }))).toBe(true);
  });

  it('is not a query the database refused, or our own bug', () => {
    for (const code of ['23505', '42601', '40001', '22P02', 'ENOENT']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
