import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ServicePart } from '../runner/index.js';

export interface DelayedJob<TData> {
  /** The job's kind, passed to the processor (`remind`, `escalate`, `overdue`). */
  name: string;
  data: TData;
  delayMs: number;
  /**
   * Deterministic, so scheduling the same thing twice is one job (DESIGN §3). BullMQ accepts a
   * custom id with colons only in exactly three parts: `kind:entity:version`.
   */
  jobId: string;
}

export interface DelayedJobsOptions<TData> {
  /** The BullMQ queue's name, e.g. `task-reminders`. */
  queue: string;
  redisUrl: string;
  /** REDIS_PREFIX: the queue's keys live under it like every other key of the service. */
  prefix: string;
  logger: Logger;
  /**
   * Runs when a job is due. Jobs are only hints: the processor re-reads state and acts only if the
   * job is still relevant. A throw retries with backoff (5 tries).
   */
  process: (name: string, data: TData) => Promise<void>;
  concurrency?: number;
}

/**
 * Delayed work on BullMQ (DESIGN §3): a queue and its worker on connections of their own,
 * started and stopped as a service part. Scheduling after a commit never fails the caller:
 * a lost job is logged (its processor's re-check makes a late or missing job harmless).
 */
export class DelayedJobs<TData> {
  private queue: Queue<TData> | null = null;
  private worker: Worker<TData> | null = null;
  private readonly connections: Redis[] = [];

  constructor(private readonly options: DelayedJobsOptions<TData>) {}

  part(): ServicePart {
    return {
      name: this.options.queue,
      start: () => this.start(),
      stop: () => this.stop(),
      isReady: () => this.connections.every((connection) => connection.status === 'ready'),
    };
  }

  async schedule(jobs: DelayedJob<TData>[]): Promise<void> {
    if (!this.queue) throw new Error(`${this.options.queue} is not started yet`);
    try {
      await this.queue.addBulk(
        jobs.map((job) => ({
          name: job.name,
          data: job.data,
          opts: {
            jobId: job.jobId,
            delay: Math.max(0, job.delayMs),
            removeOnComplete: true,
            removeOnFail: 1_000,
            attempts: 5,
            backoff: { type: 'exponential', delay: 1_000 },
          },
        })) as Parameters<Queue<TData>['addBulk']>[0],
      );
    } catch (error) {
      this.options.logger.warn(
        { err: error, jobs: jobs.map((job) => job.jobId) },
        'could not schedule delayed jobs',
      );
    }
  }

  /** Best effort: a job left behind finds its state settled and does nothing. */
  async cancel(jobIds: string[]): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    await Promise.all(
      jobIds.map((jobId) =>
        queue.remove(jobId).catch((error: unknown) => {
          this.options.logger.warn({ err: error, jobId }, 'could not remove a delayed job');
        }),
      ),
    );
  }

  private async start(): Promise<void> {
    const prefix = this.options.prefix.replace(/:+$/, '') || 'fg';
    this.queue = new Queue<TData>(this.options.queue, { connection: this.connect(), prefix });
    this.worker = new Worker<TData>(
      this.options.queue,
      (job: Job<TData>) => this.options.process(job.name, job.data),
      {
        connection: this.connect(),
        prefix,
        concurrency: this.options.concurrency ?? 5,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.options.logger.warn(
        { err: error, jobId: job?.id, queue: this.options.queue },
        'delayed job failed',
      ),
    );
    this.worker.on('error', (error) =>
      this.options.logger.warn({ err: error, queue: this.options.queue }, 'delayed job worker error'),
    );
    await Promise.all([this.queue.waitUntilReady(), this.worker.waitUntilReady()]);
  }

  private async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => undefined)));
    this.connections.length = 0;
  }

  // BullMQ needs connections of its own: its own key prefix (not ioredis'), no cap on request retries.
  private connect(): Redis {
    const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', (error: Error) =>
      this.options.logger.warn({ err: error, queue: this.options.queue }, 'redis error'),
    );
    this.connections.push(connection);
    return connection;
  }
}
