import {
  SERVICE_NAMES,
  serverControl,
  sleep,
  type ServiceStack,
  type StackService,
} from '@fieldgram/testkit';
import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';

/** One fault as it was injected: when (ms after the chaos began), for how long, what happened. */
export interface FaultRecord extends FaultOutcome {
  fault: string;
  atMs: number;
  durationMs: number;
}

export interface FaultOutcome {
  detail: string;
  /** It really hit: the process died of SIGKILL, the server restarted, the storm refused calls. */
  hit: boolean;
  /** Not possible here (a server that is not a local install). */
  skipped?: boolean;
}

export interface FaultStep {
  name: string;
  /** Injects the fault, waits until it is over (the system back up), and says what it did. */
  inject(): Promise<FaultOutcome>;
}

export interface FaultPlanOptions {
  stack: ServiceStack;
  sandbox: TelegramSandbox;
  /** How long a killed service stays down before it is started again. */
  downMs: number;
  /** How long each Bot API storm lasts. */
  stormMs: number;
  /** Called before a killed service is started again (e.g. to keep its logs). */
  beforeRestart?: (service: string) => void;
}

/**
 * The faults, one after another: SIGKILL of each service in turn (then a restart), a Bot API 429
 * storm, a RabbitMQ restart, a PostgreSQL restart (each skipped where the server is not a local
 * install) and a Bot API 5xx storm.
 */
export function faultPlan({ stack, sandbox, downMs, stormMs, beforeRestart }: FaultPlanOptions): FaultStep[] {
  const kills = SERVICE_NAMES.map((service) => sigkillStep({ stack, downMs, beforeRestart }, service));
  const servers: FaultStep[] = [
    {
      name: 'restart RabbitMQ',
      inject: async () => {
        if (!serverControl.canRestartRabbit())
          return {
            detail: 'skipped: RabbitMQ is not a local install, or FG_SERVER_RESTARTS is not 1',
            hit: false,
            skipped: true,
          };
        await serverControl.restartRabbit();
        const backAt = Date.now();
        await stack.waitAllReady(60_000);
        return { detail: `stop_app/start_app; services ready ${Date.now() - backAt} ms after`, hit: true };
      },
    },
    {
      name: 'restart PostgreSQL',
      inject: async () => {
        if (!serverControl.canRestartPostgres())
          return {
            detail: 'skipped: PostgreSQL is not a local install, or FG_SERVER_RESTARTS is not 1',
            hit: false,
            skipped: true,
          };
        await serverControl.restartPostgres();
        const backAt = Date.now();
        await stack.waitAllReady(60_000);
        return { detail: `fast restart; services ready ${Date.now() - backAt} ms after`, hit: true };
      },
    },
  ];
  const storm = (name: string, inject: () => void): FaultStep => ({
    name,
    inject: async () => {
      const before = sandbox.stats();
      inject();
      await sleep(stormMs);
      sandbox.clearFaults();
      const after = sandbox.stats();
      const failed =
        after.serverErrors - before.serverErrors + (after.tooManyRequests - before.tooManyRequests);
      const calls = sum(after.calls) - sum(before.calls);
      return { detail: `${failed} of ${calls} Bot API calls refused`, hit: failed > 0 };
    },
  });
  // The storms are kept apart: right after a 5xx storm the gateway's breaker is open and its
  // poller backs off, so a 429 storm then would meet almost no calls.
  const [rabbit, postgres] = servers as [FaultStep, FaultStep];
  return [
    ...kills,
    storm('Bot API 429 storm (retry_after 1)', () =>
      sandbox.injectFault({ kind: 'too_many_requests', retryAfterSeconds: 1 }),
    ),
    rabbit,
    postgres,
    storm('Bot API 5xx storm (502)', () => sandbox.injectFault({ kind: 'server_error', status: 502 })),
  ];
}

/**
 * SIGKILL of the process running `target` — a service's own process, or (in the host layout, or
 * named `host`) the one process of every service — down `downMs`, then started again.
 */
export function sigkillStep(
  { stack, downMs, beforeRestart }: Pick<FaultPlanOptions, 'stack' | 'downMs' | 'beforeRestart'>,
  target: StackService | 'host',
): FaultStep {
  return {
    name: `SIGKILL ${target}`,
    inject: async () => {
      const status = await stack.kill(target, 0, 'SIGKILL');
      await sleep(downMs);
      beforeRestart?.(target);
      const restartedAt = Date.now();
      await stack.restart(target);
      return {
        detail: `exit ${status.signal ?? status.code}; down ${downMs} ms; ready ${Date.now() - restartedAt} ms after restart`,
        hit: status.signal === 'SIGKILL',
      };
    },
  };
}

/** Runs the steps one after another, `gapMs` apart (load keeps running), and records each. */
export async function runFaults(
  steps: readonly FaultStep[],
  {
    gapMs,
    origin,
    afterEach,
  }: { gapMs: number; origin: number; afterEach?: (index: number) => Promise<void> | void },
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const [index, step] of steps.entries()) {
    await sleep(gapMs);
    const startedAt = Date.now();
    const outcome = await step.inject();
    records.push({
      fault: step.name,
      atMs: startedAt - origin,
      durationMs: Date.now() - startedAt,
      ...outcome,
    });
    await afterEach?.(index);
  }
  return records;
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

/**
 * Services that died on their own (not killed by a fault step): each is described with its last
 * log lines and started again, so the run goes on and the crash is reported.
 */
export async function restartCrashed(
  stack: ServiceStack,
  beforeRestart?: (service: string) => void,
): Promise<string[]> {
  const crashed: string[] = [];
  for (const process of stack.processes) {
    const status = await Promise.race([process.child.exited, sleep(0).then(() => undefined)]);
    if (status === undefined) continue;
    crashed.push(
      `${process.name} exited (${status.signal ?? status.code}) on its own:\n` +
        process.child.lines().slice(-8).join('\n'),
    );
    beforeRestart?.(process.service);
    await stack.restart(process.service, process.instance);
  }
  return crashed;
}
