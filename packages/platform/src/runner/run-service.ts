import type { Logger } from 'pino';
import { startOpsServer, type OpsServer, type OpsServerOptions } from '../http/index.js';
import { exitAfterFlush } from './exit-after-flush.js';
import { PartGroup, elapsedMs } from './part-group.js';
import type { ServicePart } from './service-part.js';

export interface RunServiceOptions {
  name: string;
  logger: Logger;
  /** In start order; stopped in reverse. */
  parts: readonly ServicePart[];
  /** Past this, a stuck shutdown gives up and exits 1 (keep it under the orchestrator's grace period). */
  shutdownTimeoutMs?: number;
  /**
   * Serves /healthz, /readyz (from the parts' readiness) and /metrics. Started before the parts so
   * probes answer during startup, closed after them so they answer while draining.
   */
  ops?: Omit<OpsServerOptions, 'readiness' | 'logger'>;
}

/**
 * The lifecycle of a service process (DESIGN §3 "Shutdown", §9): start the parts, then on SIGTERM or
 * SIGINT stop them in reverse order and exit 0. A failed start, a fatal error or a stuck stop exits 1.
 * Resolves once the service has started; it owns the process from then on.
 */
export async function runService(options: RunServiceOptions): Promise<void> {
  const { name, logger, shutdownTimeoutMs = 30_000 } = options;
  const group = new PartGroup(options.parts, logger);
  let ops: OpsServer | undefined;
  let shutdown: Promise<void> | undefined;

  async function shutDown(reason: string, exitCode: number): Promise<void> {
    const stoppingAt = performance.now();
    logger.info({ name, reason }, 'service stopping');
    setTimeout(() => {
      logger.error({ name, timeoutMs: shutdownTimeoutMs }, 'service did not stop in time; exiting');
      exitAfterFlush(logger, 1);
    }, shutdownTimeoutMs);
    await group.stop();
    await ops?.close().catch((error: unknown) => logger.error({ err: error }, 'ops server failed to close'));
    logger.info({ name, durationMs: elapsedMs(stoppingAt) }, 'service stopped');
    exitAfterFlush(logger, exitCode);
  }
  const stopAndExit = (reason: string, exitCode: number) => (shutdown ??= shutDown(reason, exitCode));

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shutdown) {
      // A second Ctrl-C means "now": don't make a person wait for the drain.
      logger.warn({ name, signal }, 'second signal; exiting without waiting');
      exitAfterFlush(logger, 1);
      return;
    }
    void stopAndExit(signal, 0);
  };
  const onFatal = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error, name }, kind);
    void stopAndExit(kind, 1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  if (process.env.FG_EXIT_WITH_PARENT === '1') stopWhenOrphaned(() => void stopAndExit('parent exited', 0));
  process.on('uncaughtException', onFatal('uncaught exception'));
  process.on('unhandledRejection', onFatal('unhandled rejection'));

  const startedAt = performance.now();
  logger.info({ name, parts: options.parts.map((part) => part.name) }, 'service starting');
  try {
    if (options.ops)
      ops = await startOpsServer({ ...options.ops, logger, readiness: () => group.readiness() });
    await group.start();
  } catch (error) {
    if (shutdown) {
      // A signal came first: the parts that started are being stopped and that shutdown exits.
      logger.warn({ err: error, name }, 'start interrupted by shutdown');
      return;
    }
    logger.fatal({ err: error, name }, 'service failed to start');
    await stopAndExit('start failed', 1);
    return;
  }
  logger.info({ name, startupMs: elapsedMs(startedAt) }, 'service started');
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
