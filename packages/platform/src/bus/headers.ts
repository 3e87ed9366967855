/** AMQP headers the platform sets; prefixed so they never clash with anyone else's. */
export const HEADERS = {
  /** 1 for the first delivery attempt, incremented on each retry. */
  attempt: 'x-fg-attempt',
  /** The queue a retried or parked message belongs to. */
  queue: 'x-fg-queue',
  error: 'x-fg-error',
  deadAt: 'x-fg-dead-at',
  replayedAt: 'x-fg-replayed-at',
  partitionKey: 'x-fg-partition-key',
  /**
   * The partition slot (0..63, as a string) of the partition key, or of the id when there is none.
   * No `x-` prefix: a headers exchange ignores headers starting with `x-` when it matches.
   */
  slot: 'fg-slot',
  /** Epoch ms after which a request is stale and is dropped unanswered. */
  deadline: 'x-fg-deadline',
} as const;

export function headerNumber(headers: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = headers?.[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function headerString(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}
