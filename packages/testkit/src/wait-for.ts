import { inspect } from 'node:util';

export type Truthy<T> = Exclude<T, false | 0 | 0n | '' | null | undefined>;

export interface WaitForOptions {
  /** What is being waited for, e.g. 'the order to reach state paid'. Named in the timeout error. */
  message: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` until it returns (or resolves to) a truthy value and resolves with that value.
 * A probe that throws counts as "not yet". On timeout rejects with an Error naming `message`
 * and the last value or error seen, so a failed test says what it was waiting for.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { message, timeoutMs = 10_000, intervalMs = 50 }: WaitForOptions,
): Promise<Truthy<Awaited<T>>> {
  const deadline = Date.now() + timeoutMs;
  let last: { value: unknown } | { error: unknown } | undefined;
  for (;;) {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) break;
    try {
      // A probe that hangs must not outlive the deadline.
      const outcome = await raceTimeout(Promise.resolve().then(probe), remainingMs);
      if (outcome.timedOut) {
        last = { error: new Error(`probe still pending after ${timeoutMs} ms`) };
        break;
      }
      if (outcome.value) return outcome.value as Truthy<Awaited<T>>;
      last = { value: outcome.value };
    } catch (error) {
      last = { error };
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}; ${describeLast(last)}`);
}

type RaceOutcome<T> = { timedOut: false; value: T } | { timedOut: true };

async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<RaceOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<RaceOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ timedOut: false as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeLast(last: { value: unknown } | { error: unknown } | undefined): string {
  if (last === undefined) return 'the probe never completed';
  if ('error' in last) {
    const error = last.error;
    return `last error: ${error instanceof Error ? error.message : inspect(error)}`;
  }
  return `last value: ${inspect(last.value, { depth: 3, breakLength: Infinity }).slice(0, 500)}`;
}
