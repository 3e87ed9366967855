/** Error codes a service may answer with; the api-gateway maps each to an HTTP status. */
export type DomainErrorCode =
  'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'rate_limited';

/**
 * An expected refusal from a use-case ("task is not completed"). Crosses request/reply as data,
 * does not trip circuit breakers, and is never retried by consumers.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A handler failure that no retry can fix (e.g. a referenced entity is gone): park it at once. */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}
