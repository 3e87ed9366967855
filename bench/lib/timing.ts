/** Runs `task(0..count-1)` with at most `concurrency` in flight; returns the elapsed ms. */
export async function timeConcurrent(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return performance.now() - start;
}

/** Runs `task(0..count-1)` one at a time; returns each call's duration (ms) and the total. */
export async function timeEach(
  count: number,
  task: (index: number) => Promise<void>,
): Promise<{ samples: number[]; elapsedMs: number }> {
  const samples: number[] = [];
  const start = performance.now();
  for (let index = 0; index < count; index++) {
    const before = performance.now();
    await task(index);
    samples.push(performance.now() - before);
  }
  return { samples, elapsedMs: performance.now() - start };
}

/**
 * `blocks` × (baseline, ours, ours, baseline), round numbers counting up per side: a slow drift
 * of the machine (disk, broker, JIT) over the run then weighs on both sides alike.
 */
export async function abba<T>(
  blocks: number,
  baseline: (round: number) => Promise<T>,
  ours: (round: number) => Promise<T>,
): Promise<{ baseline: T[]; ours: T[] }> {
  const results: { baseline: T[]; ours: T[] } = { baseline: [], ours: [] };
  for (let block = 0; block < blocks; block++) {
    results.baseline.push(await baseline(results.baseline.length));
    results.ours.push(await ours(results.ours.length));
    results.ours.push(await ours(results.ours.length));
    results.baseline.push(await baseline(results.baseline.length));
  }
  return results;
}

/** Calls `fire(i)` at `perSecond` for `count` calls without waiting for one to finish. */
export async function atSteadyPace(
  count: number,
  perSecond: number,
  fire: (index: number) => Promise<void>,
): Promise<void> {
  const interval = 1000 / perSecond;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let failure: Error | undefined;
  for (let index = 0; index < count && failure === undefined; index++) {
    const wait = start + index * interval - performance.now();
    if (wait > 1) await sleep(wait);
    // Caught at once: a call that fails while later ones are still being paced is no unhandled rejection.
    pending.push(
      fire(index).catch((error: unknown) => {
        failure ??=
          error instanceof Error ? error : new Error(`paced call ${index} failed`, { cause: error });
      }),
    );
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** `promise`, or a rejection naming `what` if it takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
