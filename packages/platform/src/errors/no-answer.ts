import { BusUnavailableError, DependencyUnavailableError } from './bus-errors.js';
import { RemoteError, RequestTimeoutError, ServiceUnavailableError } from './rpc-errors.js';
import { UNAVAILABLE_CODE } from '../bus/failure.js';

const DEFAULT_RETRY_AFTER_MS = 5_000;

/** Why a request got no answer: which service (when known) and when asking again makes sense. */
export interface NoAnswer {
  target: string | undefined;
  retryAfterMs: number;
}

/**
 * The one reading of "the service asked did not answer" (DESIGN §2): a timeout, an open breaker
 * or no queue to take the request, no bus, or the service answering that its own dependency is
 * down. null for anything else (an answered refusal, a bug). Callers turn it into their own
 * terms: a retried message (`throwIfNoAnswer`), an HTTP 503 with Retry-After.
 */
export function noAnswerOf(error: unknown): NoAnswer | null {
  if (error instanceof ServiceUnavailableError)
    return { target: error.target, retryAfterMs: error.retryAfterMs };
  if (error instanceof RequestTimeoutError)
    return { target: error.target, retryAfterMs: DEFAULT_RETRY_AFTER_MS };
  if (error instanceof RemoteError && error.code === UNAVAILABLE_CODE)
    return { target: error.target, retryAfterMs: DEFAULT_RETRY_AFTER_MS };
  if (error instanceof BusUnavailableError)
    return { target: undefined, retryAfterMs: DEFAULT_RETRY_AFTER_MS };
  return null;
}

/**
 * Asks another service for a message being handled: no answer becomes a dependency outage, so
 * the message is retried later without using up its tries instead of being parked.
 */
export async function askOrRetryLater<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const down = noAnswerOf(error);
    if (!down) throw error;
    const who = down.target ?? 'the message bus';
    throw new DependencyUnavailableError(`${who} did not answer: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
