import type { Express } from 'express';
import type { Logger } from 'pino';
import { startOpsServer, type OpsServer } from '../http/index.js';
import { readinessFromChecks, type ReadinessReport } from '../http/readiness.js';
import type { ServiceMetrics } from '../metrics/index.js';
import { exitAfterFlush } from './exit-after-flush.js';
import { PartGroup, elapsedMs } from './part-group.js';
import type { ServicePart } from './service-part.js';

/** One service of a process: its parts, its logger and what it adds to the ops server. */
export interface ServiceUnit {
  name: string;
  logger: Logger;
  /** In start order; stopped in reverse. */
  parts: readonly ServicePart[];
  metrics?: ServiceMetrics;
  /** Routes of the service's own on the process's ops server (bot-gateway's webhook). */
  configureHttp?: (app: Express) => void;
}

export interface RunServicesOptions {
  /** The process's own lines (signals, a fatal error); each service logs its start and stop itself. */
  logger: Logger;
  units: readonly ServiceUnit[];
  /** Past this, a stuck shutdown gives up and exits 1 (keep it under the orchestrator's grace period). */
  shutdownTimeoutMs?: number;
  /**
   * One server for every service of the process: /healthz, /readyz (ready when every service's
   * parts are; checks named `<service>.<part>` when there are several), /metrics (every
   * service's). Started before the parts so probes answer during startup, closed after them so
   * they answer while draining.
   */
  ops?: { port: number; host?: string };
}

export interface RunServiceOptions {
  name: string;
  logger: Logger;
  parts: readonly ServicePart[];
  shutdownTimeoutMs?: number;
  ops?: { port: number; host?: string; metrics?: ServiceMetrics; configure?: (app: Express) => void };
}

/** One service owning its process: `runServices` with a single unit. */
export function runService(options: RunServiceOptions): Promise<void> {
  const { name, logger, parts, shutdownTimeoutMs, ops } = options;
  return runServices({
    logger,
    units: [{ name, logger, parts, metrics: ops?.metrics, configureHttp: ops?.configure }],
    shutdownTimeoutMs,
    ops: ops && { port: ops.port, host: ops.host },
  });
}

/**
 * The lifecycle of a process running one or several services (DESIGN §3 "Shutdown", §9): start
 * every service's parts (the services side by side), then on SIGTERM or SIGINT stop them (each in
 * reverse order) and exit 0. A failed start, a fatal error or a stuck stop exits 1: the process is
 * the unit that restarts, since a half-dead process would hold queues it no longer serves; the
 * outbox and inbox make the restart lose and double nothing. Resolves once every service started.
 */
export async function runServices(options: RunServicesOptions): Promise<void> {
  const { logger, units, shutdownTimeoutMs = 30_000 } = options;
  const groups = units.map((unit) => ({ unit, group: new PartGroup(unit.parts, unit.logger) }));
  let ops: OpsServer | undefined;
  let shutdown: Promise<void> | undefined;

  async function stopUnit({ unit, group }: (typeof groups)[number], reason: string): Promise<void> {
    const stoppingAt = performance.now();
    unit.logger.info({ name: unit.name, reason }, 'service stopping');
    await group.stop();
    unit.logger.info({ name: unit.name, durationMs: elapsedMs(stoppingAt) }, 'service stopped');
  }

  async function shutDown(reason: string, exitCode: number): Promise<void> {
    setTimeout(() => {
      logger.error({ timeoutMs: shutdownTimeoutMs }, 'service did not stop in time; exiting');
      exitAfterFlush(logger, 1);
    }, shutdownTimeoutMs);
    await Promise.all(groups.map((entry) => stopUnit(entry, reason)));
    await ops?.close().catch((error: unknown) => logger.error({ err: error }, 'ops server failed to close'));
    exitAfterFlush(logger, exitCode);
  }
  const stopAndExit = (reason: string, exitCode: number) => (shutdown ??= shutDown(reason, exitCode));

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shutdown) {
      // A second Ctrl-C means "now": don't make a person wait for the drain.
      logger.warn({ signal }, 'second signal; exiting without waiting');
      exitAfterFlush(logger, 1);
      return;
    }
    void stopAndExit(signal, 0);
  };
  const onFatal = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, kind);
    void stopAndExit(kind, 1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  if (process.env.FG_EXIT_WITH_PARENT === '1') stopWhenOrphaned(() => void stopAndExit('parent exited', 0));
  process.on('uncaughtException', onFatal('uncaught exception'));
  process.on('unhandledRejection', onFatal('unhandled rejection'));

  try {
    if (options.ops)
      ops = await startOpsServer({
        ...options.ops,
        metrics: units.flatMap((unit) => (unit.metrics ? [unit.metrics] : [])),
        configure: (app) => {
          for (const unit of units) unit.configureHttp?.(app);
        },
        logger,
        readiness: () => readinessOf(groups),
      });
    await Promise.all(groups.map(({ unit, group }) => startUnit(unit, group)));
  } catch (error) {
    if (shutdown) {
      // A signal came first: the parts that started are being stopped and that shutdown exits.
      logger.warn({ err: error }, 'start interrupted by shutdown');
      return;
    }
    await stopAndExit('start failed', 1);
  }
}

async function startUnit(unit: ServiceUnit, group: PartGroup): Promise<void> {
  const startedAt = performance.now();
  unit.logger.info({ name: unit.name, parts: unit.parts.map((part) => part.name) }, 'service starting');
  try {
    await group.start();
  } catch (error) {
    unit.logger.fatal({ err: error, name: unit.name }, 'service failed to start');
    throw error;
  }
  unit.logger.info({ name: unit.name, startupMs: elapsedMs(startedAt) }, 'service started');
}

/** One service reports its parts' checks as they are; several prefix each with the service. */
function readinessOf(groups: readonly { unit: ServiceUnit; group: PartGroup }[]): ReadinessReport {
  if (groups.length === 1) return groups[0]!.group.readiness();
  const checks: Record<string, boolean> = {};
  for (const { unit, group } of groups)
    for (const [part, ok] of Object.entries(group.readiness().checks)) checks[`${unit.name}.${part}`] = ok;
  return readinessFromChecks(checks);
}

const PARENT_CHECK_MS = 1_000;

/**
 * A supervised process (npm start) lives in its own process group, so nothing stops it when its
 * supervisor is killed outright: it notices being re-parented and stops itself, which keeps a
 * stale copy from holding its ports against the next start.
 */
function stopWhenOrphaned(stop: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, PARENT_CHECK_MS);
  timer.unref();
}
