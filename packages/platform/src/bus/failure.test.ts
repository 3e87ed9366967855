import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable, isPermanentFailure } from './failure.js';
import { DomainError, PermanentError } from '../errors/domain-errors.js';
import { DependencyUnavailableError, MessageValidationError } from '../errors/bus-errors.js';
import { RemoteError } from '../errors/rpc-errors.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('failure classification', () => {
  it('treats refusals and invalid data as permanent', () => {
    expect(isPermanentFailure(new DomainError('conflict', 'task is not completed'))).toBe(true);
    expect(isPermanentFailure(new PermanentError('gone'))).toBe(true);
    expect(isPermanentFailure(new MessageValidationError('bad'))).toBe(true);
    expect(isPermanentFailure(new Error('boom'))).toBe(false);
  });

  it('recognises an unavailable database or network, also when wrapped', () => {
    expect(
      isDependencyUnavailable(withCode('terminating connection due to administrator command', '57P01')),
    ).toBe(true);
    expect(isDependencyUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDependencyUnavailable(withCode('sorry, too many clients already', '53300'))).toBe(true);
    expect(
      isDependencyUnavailable(new RemoteError('unavailable', 'a dependency is unavailable', 'task')),
    ).toBe(true);
    expect(isDependencyUnavailable(new RemoteError('internal', 'internal error', 'task'))).toBe(false);
    expect(isDependencyUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(
      true,
    );
    expect(
      isDependencyUnavailable(
        Object.assign(new Error('Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
      ),
    ).toBe(true);
    expect(
      isDependencyUnavailable(
        new Error('insert failed', { cause: new Error('Connection terminated unexpectedly') }),
      ),
    ).toBe(true);
  });

  it('recognises an explicit DependencyUnavailableError', () => {
    expect(isDependencyUnavailable(new DependencyUnavailableError('no bot token configured yet'))).toBe(true);
  });

  it('does not excuse ordinary failures', () => {
    expect(isDependencyUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(
      false,
    );
    expect(isDependencyUnavailable(new Error('cannot greet Bob'))).toBe(false);
    expect(isDependencyUnavailable('not an error')).toBe(false);
  });
});
