/** The service answered a request with an error (a DomainError on its side, or an internal one). */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    readonly code: string,
    message: string,
    readonly target: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** No reply within the deadline: the service is down, slow, or lost the request. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly messageType: string,
    readonly target: string,
    readonly timeoutMs: number,
  ) {
    super(`no reply from ${target} to ${messageType} within ${timeoutMs} ms`);
  }
}

/** The circuit breaker of a target is open: failing fast instead of waiting for timeouts. */
export class ServiceUnavailableError extends Error {
  override readonly name: string = 'ServiceUnavailableError';
  constructor(
    readonly target: string,
    readonly retryAfterMs: number,
  ) {
    super(
      `${target} is unavailable: its circuit breaker is open after repeated failures; ` +
        `the next attempt is allowed in about ${Math.ceil(retryAfterMs / 1000)} s`,
    );
  }
}

/**
 * The broker had no queue for the request (its service has not declared one yet, e.g. on a
 * fresh broker before the service started): failed at once instead of waiting for the deadline.
 */
export class NoResponderError extends ServiceUnavailableError {
  override readonly name = 'NoResponderError';
  constructor(
    readonly messageType: string,
    target: string,
    retryAfterMs = 1_000,
  ) {
    super(target, retryAfterMs);
    this.message = `${target} is unavailable: nothing consumes ${messageType} yet (is the service started?)`;
  }
}
