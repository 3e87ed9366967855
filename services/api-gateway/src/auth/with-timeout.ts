import { HttpProblem } from '../http/problem.js';

const REDIS_TIMEOUT_MS = 3_000;

/**
 * Redis commands wait while the client reconnects (the platform's client never gives up), so a
 * Redis outage would hang requests: past the deadline the API answers 503 instead.
 */
export async function redisCall<T>(command: Promise<T>, timeoutMs = REDIS_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HttpProblem('service-unavailable', 'Session storage is not answering; try again shortly.', {
            retryAfterSeconds: 5,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([command, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
