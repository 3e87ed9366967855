import { DependencyUnavailableError, MessageValidationError } from '../errors/bus-errors.js';
import { DomainError, PermanentError } from '../errors/domain-errors.js';
import { RemoteError } from '../errors/rpc-errors.js';

/** Failures no retry can fix go straight to the dead queue. */
export function isPermanentFailure(error: unknown): boolean {
  return (
    error instanceof PermanentError || error instanceof MessageValidationError || error instanceof DomainError
  );
}

// Postgres SQLSTATE classes 08 (connection exception), 57P (operator intervention: shutdown)
// and 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;

/** The code a responder answers with when its own dependency is down (see RpcServer). */
export const UNAVAILABLE_CODE = 'unavailable';
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * A dependency is down (database restarting, network gone), not the message at fault: such a
 * failure is retried without using up the message's tries, so an outage never parks good work.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof DependencyUnavailableError) return true;
    // The service asked answered that its own dependency is down: an outage here too.
    if (current instanceof RemoteError && current.code === UNAVAILABLE_CODE) return true;
    const { code, name, message } = current as Error & { code?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)))
      return true;
    if (name === 'KnexTimeoutError') return true; // no pooled connection could be had
    if (
      /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
