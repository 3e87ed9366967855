const POLL_INTERVAL_MS = 250;
const PROBE_TIMEOUT_MS = 1_000;

/** Whether a service's /readyz answers 200 now. */
export async function isReady(opsPort: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${opsPort}/readyz`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Polls every service's /readyz until all answer 200 once, then calls `onAllReady` (once).
 * `onStillWaiting` hears, every `reportEveryMs`, which services are not ready yet.
 */
export function watchReadiness(options: {
  services: readonly { name: string; opsPort: number }[];
  onAllReady: (elapsedMs: number) => void;
  onStillWaiting: (names: string[]) => void;
  reportEveryMs?: number;
}): { stop(): void } {
  const startedAt = performance.now();
  const waiting = new Map(options.services.map((service) => [service.name, service.opsPort]));
  const reportEveryMs = options.reportEveryMs ?? 20_000;
  let nextReport = startedAt + reportEveryMs;
  let stopped = false;
  const round = async (): Promise<void> => {
    while (!stopped && waiting.size > 0) {
      await Promise.all(
        [...waiting].map(async ([name, port]) => {
          if (await isReady(port)) waiting.delete(name);
        }),
      );
      if (waiting.size === 0 || stopped) break;
      if (performance.now() >= nextReport) {
        options.onStillWaiting([...waiting.keys()]);
        nextReport += reportEveryMs;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    if (!stopped) options.onAllReady(performance.now() - startedAt);
  };
  void round();
  return {
    stop: () => {
      stopped = true;
    },
  };
}
