import type { Logger } from 'pino';
import { readinessFromChecks, type ReadinessReport } from '../http/readiness.js';
import { PartStartError } from './part-start-error.js';
import type { ServicePart } from './service-part.js';

export interface RunningParts {
  /** Stops the started parts in reverse order; never throws (failures are logged); idempotent. */
  stop(): Promise<void>;
  readiness(): ReadinessReport;
}

/**
 * Starts parts in order and stops them in reverse, so each part stops before what it depends on
 * (the consumer before the bus connection it consumes from).
 */
export class PartGroup implements RunningParts {
  private readonly started: ServicePart[] = [];
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly parts: readonly ServicePart[],
    private readonly logger: Logger,
  ) {
    const names = parts.map((part) => part.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`two service parts are named "${duplicate}"`);
  }

  /** @throws PartStartError after stopping the parts already started. */
  start(): Promise<void> {
    return (this.starting ??= this.startAll());
  }

  /** A stop requested while starting lets the current part finish starting, then stops all. */
  stop(): Promise<void> {
    return (this.stopping ??= this.stopAfterStart());
  }

  readiness(): ReadinessReport {
    return readinessFromChecks(Object.fromEntries(this.parts.map((part) => [part.name, this.isReady(part)])));
  }

  private async startAll(): Promise<void> {
    for (const part of this.parts) {
      if (this.stopping) throw new Error(`start abandoned before ${part.name}: the service is stopping`);
      const startedAt = performance.now();
      try {
        await part.start();
      } catch (error) {
        this.logger.error(
          { err: error, part: part.name },
          'part failed to start; stopping the parts started',
        );
        await this.stopStarted();
        throw new PartStartError(part.name, error);
      }
      this.started.push(part);
      this.logger.info({ part: part.name, durationMs: elapsedMs(startedAt) }, 'part started');
    }
  }

  private async stopAfterStart(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.stopStarted();
  }

  /** Pops each part before stopping it, so no part is ever stopped twice. */
  private async stopStarted(): Promise<void> {
    for (let part = this.started.pop(); part; part = this.started.pop()) {
      const stoppingAt = performance.now();
      try {
        await part.stop();
        this.logger.info({ part: part.name, durationMs: elapsedMs(stoppingAt) }, 'part stopped');
      } catch (error) {
        this.logger.error({ err: error, part: part.name }, 'part failed to stop');
      }
    }
  }

  private isReady(part: ServicePart): boolean {
    if (this.stopping || !this.started.includes(part)) return false;
    try {
      return part.isReady?.() ?? true;
    } catch {
      return false;
    }
  }
}

export function elapsedMs(since: number): number {
  return Math.round(performance.now() - since);
}
