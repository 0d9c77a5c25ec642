import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from '../../db/unreachable.ts';

/** A Node system error as net raises it. */
const systemError = (code: string) =>
  Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code, syscall: 'connect' });
/** A PostgreSQL error as pg raises it. */
const pgError = (code: string) => Object.assign(new Error('server message'), { code, severity: 'FATAL' });

describe('isDatabaseUnreachable', () => {
  it.each([
    ['a refused connection', systemError('ECONNREFUSED')],
    ['a connection reset', systemError('ECONNRESET')],
    ['a host that does not answer', systemError('ETIMEDOUT')],
    ['an unknown host', systemError('ENOTFOUND')],
    ['a server shutting down (57P01)', pgError('57P01')],
    ['a server starting up (57P03)', pgError('57P03')],
    ['a server out of connections (53300)', pgError('53300')],
    ['a connection exception (08006)', pgError('08006')],
    ['a connection lost mid-query', new Error('select 1 - Connection terminated unexpectedly')],
    ['a connection not made in time', new Error('Connection terminated due to connection timeout')],
    ['a pool that had no connection to give', new knex.KnexTimeoutError('Knex: Timeout acquiring a connection.')],
    ['every address of a name refused', new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')])],
    [
      'a driver error objection wrapped',
      Object.assign(new Error('wrapped'), { nativeError: systemError('ECONNRESET') }),
    ],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a check violation', pgError('23514')],
    ['a bug', new TypeError('Cannot read properties of undefined (reading "id")')],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});
