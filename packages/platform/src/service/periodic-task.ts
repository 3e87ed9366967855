import type { Logger } from 'pino';
import type { ServicePart } from '../runner/index.js';

/**
 * A part that runs `task` every `intervalMs` (first run after one interval), never two at once,
 * and waits for a run in progress when stopped. For housekeeping: pruning, expiring.
 */
export function periodicTask(options: {
  name: string;
  intervalMs: number;
  logger: Logger;
  task: () => Promise<unknown>;
}): ServicePart {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  // A tick that finds the previous run still going is skipped: no backlog builds up.
  const tick = (): void => {
    if (running) return;
    running = options
      .task()
      .then(() => undefined)
      .catch((error: unknown) =>
        options.logger.warn({ err: error, task: options.name }, 'periodic task failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  return {
    name: options.name,
    start: () => {
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
      return Promise.resolve();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
