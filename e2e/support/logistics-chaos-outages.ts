// The faults of the logistics chaos run: SIGKILLs of waybill and claims, taken from the chaos
// fault plan, each watched for when its process was really gone and when it answered again, so
// the load can confirm while it is down and the test can tell which confirms met an outage.
import { sleep, type ServiceStack, type StackService } from '@fieldgram/testkit';
import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { faultPlan, type FaultStep } from './chaos-faults.js';

export type KilledService = Extract<StackService, 'waybill' | 'claims'>;

/** One kill as it happened: the process seen dead → ready again after its restart (epoch ms). */
export interface Outage {
  service: KilledService;
  downAt: number;
  upAt: number;
}

export interface OutagePlanOptions {
  stack: ServiceStack;
  sandbox: TelegramSandbox;
  downMs: number;
  /** The services to kill, in this order (each entry one kill). */
  kills: readonly KilledService[];
  /** Awaited before a kill (at most `holdMs`): e.g. until the people meant to meet it are ready. */
  before?: (service: KilledService, index: number) => Promise<unknown>;
  holdMs: number;
  beforeRestart?: (service: string) => void;
}

/** Opens once, when a service is first seen dead: who waits on it acts during the outage. */
export class OutageWatch {
  readonly outages: Outage[] = [];
  private readonly firstDown = new Map<KilledService, { promise: Promise<void>; open: () => void }>();

  /** Resolves the first time `service` is down (at once if it already was). */
  down(service: KilledService): Promise<void> {
    return this.gate(service).promise;
  }

  /** Whether `at` fell inside an outage of `service`. */
  during(service: KilledService, at: number): boolean {
    return this.outages.some(
      (outage) => outage.service === service && at >= outage.downAt && at < outage.upAt,
    );
  }

  /** The outage is over: the restarted process is ready. */
  record(outage: Outage): void {
    this.outages.push(outage);
  }

  /** The killed process has exited: whoever waits for this service's first outage goes on. */
  markDown(service: KilledService): void {
    this.gate(service).open();
  }

  private gate(service: KilledService) {
    let gate = this.firstDown.get(service);
    if (!gate) {
      let open = () => {};
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
      this.firstDown.set(service, gate);
    }
    return gate;
  }
}

/**
 * The chaos plan's `SIGKILL <service>` steps for the services named, each wrapped: it waits for
 * `before`, kills, opens the watch's gate the moment the old process has exited, and records the
 * outage once the restarted process is ready.
 */
export function outagePlan(options: OutagePlanOptions, watch: OutageWatch): FaultStep[] {
  const { stack, sandbox, downMs, beforeRestart } = options;
  const plan = faultPlan({ stack, sandbox, downMs, stormMs: 0, ...(beforeRestart ? { beforeRestart } : {}) });
  return options.kills.map((service, index) => {
    const step = plan.find((candidate) => candidate.name === `SIGKILL ${service}`);
    if (!step) throw new Error(`the chaos plan has no SIGKILL ${service}`);
    return {
      name: step.name,
      inject: async () => {
        await Promise.race([options.before?.(service, index), sleep(options.holdMs)]);
        const dying = stack.get(service).child.exited;
        const injected = step.inject();
        await dying;
        const downAt = Date.now();
        watch.markDown(service);
        const outcome = await injected;
        watch.record({ service, downAt, upAt: Date.now() });
        return outcome;
      },
    };
  });
}
