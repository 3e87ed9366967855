// The faults of the host crash run: SIGKILLs of the one host process (the chaos plan's kill step
// aimed at `host`), each while the Bot API hangs (see host-crash-hold.ts). Killing it is an
// outage of every service at once, so each is recorded in the logistics run's watch for waybill
// and for claims alike: their holders tap Confirm while it is dead, and the test can tell which
// confirms met it.
import { sleep, type ServiceStack } from '@fieldgram/testkit';
import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { sigkillStep, type FaultStep } from './chaos-faults.js';
import { holdBotApi } from './host-crash-hold.js';
import type { KilledService, OutageWatch } from './logistics-chaos-outages.js';

/** The services whose outages the logistics load watches; the host runs both. */
const WATCHED: readonly KilledService[] = ['waybill', 'claims'];

export interface HostCrashPlanOptions {
  stack: ServiceStack;
  sandbox: TelegramSandbox;
  /** The stack's database: the gateway's records of carried-out calls. */
  databaseUrl: string;
  /** How many times the host is killed. */
  kills: number;
  downMs: number;
  /** Awaited before a kill (at most `holdMs`): e.g. until the people meant to meet it are ready. */
  before?: (index: number) => Promise<unknown>;
  holdMs: number;
  beforeRestart?: (service: string) => void;
}

/**
 * `kills` times: wait for `before`, hang the Bot API until the gateway's records settle, SIGKILL
 * the host, and the moment it exited mark it down and let the Bot API answer again; restart.
 */
export function hostCrashPlan(options: HostCrashPlanOptions, watch: OutageWatch): FaultStep[] {
  const { stack, downMs, beforeRestart } = options;
  const step = sigkillStep({ stack, downMs, ...(beforeRestart ? { beforeRestart } : {}) }, 'host');
  return Array.from({ length: options.kills }, (_, index) => ({
    name: step.name,
    inject: async () => {
      await Promise.race([options.before?.(index), sleep(options.holdMs)]);
      const held = await holdBotApi(options.sandbox, options.databaseUrl);
      const dying = stack.get('host').child.exited;
      const injected = step.inject();
      let inFlight = 0;
      try {
        await dying;
      } finally {
        // Whatever happened, the Bot API answers again before the host is started again.
        inFlight = held.release();
      }
      const downAt = Date.now();
      for (const service of WATCHED) watch.markDown(service);
      const outcome = await injected;
      const upAt = Date.now();
      for (const service of WATCHED) watch.record({ service, downAt, upAt });
      return {
        ...outcome,
        detail: `${inFlight} Bot API calls hung at the kill (records settled in ${held.settledMs} ms); ${outcome.detail}`,
        hit: outcome.hit && held.settled,
      };
    },
  }));
}
