/**
 * `work`, or `timeoutError()` once `timeoutMs` passed first. For clients that wait forever on
 * their own (the platform's Redis client queues commands while it reconnects).
 */
export async function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  timeoutError: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
