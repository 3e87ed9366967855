import { withDeadline } from '@fieldgram/platform';
import { HttpProblem } from '../http/problem.js';

const REDIS_TIMEOUT_MS = 3_000;

/**
 * Redis commands wait while the client reconnects (the platform's client never gives up), so a
 * Redis outage would hang requests: past the deadline the API answers 503 instead.
 */
export function redisCall<T>(command: Promise<T>, timeoutMs = REDIS_TIMEOUT_MS): Promise<T> {
  return withDeadline(
    command,
    timeoutMs,
    () =>
      new HttpProblem('service-unavailable', 'Session storage is not answering; try again shortly.', {
        retryAfterSeconds: 5,
      }),
  );
}
