import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Messages } from '@fieldgram/contracts';
import type { ServicePart, UnitOfWork } from '@fieldgram/platform';
import { isOverdue, overdueAt } from '../domain/numbering.js';
import { findInvoice, markOverdueNotified } from '../store/invoices-store.js';

export const OVERDUE_QUEUE = 'invoice-reminders';

export interface OverdueJob {
  invoiceId: string;
}

/**
 * Deterministic: scheduling the same invoice twice (a resend) is one job. BullMQ takes a custom id
 * with a colon only in three parts, hence the due date as the third.
 */
export function overdueJobId(invoiceId: string, dueDate: string): string {
  return `overdue:${invoiceId}:${dueDate}`;
}

/** What the handlers use: after a send with a due date, schedule; after paid, cancelled or deleted, cancel. */
export interface OverdueReminders {
  schedule(invoiceId: string, dueDate: string): Promise<void>;
  cancel(invoiceId: string, dueDate: string | null): Promise<void>;
}

export interface OverdueRemindersOptions {
  redisUrl: string;
  /** REDIS_PREFIX: BullMQ's keys live under it too. */
  prefix: string;
  /** Overrides the delay (tests); by default the job fires at the end of the due date (UTC). */
  delayMs?: number | undefined;
  uow: UnitOfWork<Messages>;
  logger: Logger;
}

/**
 * The overdue reminder of an unpaid invoice (BullMQ, queue `invoice-reminders`): one job per invoice
 * at the end of its due date. The job is only a hint: it re-reads the invoice and emits
 * `invoice.overdue-detected` only if it is still pending and past due, and only once per invoice.
 */
export class BullOverdueReminders implements OverdueReminders {
  private queue: Queue<OverdueJob> | null = null;
  private worker: Worker<OverdueJob> | null = null;
  private readonly connections: Redis[] = [];

  constructor(private readonly options: OverdueRemindersOptions) {}

  part(): ServicePart {
    return {
      name: 'overdue-reminders',
      start: () => this.start(),
      stop: () => this.stop(),
      isReady: () => this.connections.every((connection) => connection.status === 'ready'),
    };
  }

  async schedule(invoiceId: string, dueDate: string): Promise<void> {
    const delay = this.options.delayMs ?? Math.max(0, overdueAt(dueDate).getTime() - Date.now());
    try {
      await this.requireQueue().add(
        'overdue',
        { invoiceId },
        {
          jobId: overdueJobId(invoiceId, dueDate),
          delay,
          removeOnComplete: true,
          removeOnFail: 1_000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1_000 },
        },
      );
    } catch (error) {
      // The invoice is already sent (committed): a lost reminder must not fail the send.
      this.options.logger.warn({ err: error, invoiceId }, 'could not schedule the overdue reminder');
    }
  }

  async cancel(invoiceId: string, dueDate: string | null): Promise<void> {
    if (!this.queue || dueDate === null) return;
    // Best effort: a job that is not removed finds the invoice settled and does nothing.
    await this.queue.remove(overdueJobId(invoiceId, dueDate)).catch((error: unknown) => {
      this.options.logger.warn({ err: error, invoiceId }, 'could not remove the overdue reminder');
    });
  }

  private async start(): Promise<void> {
    const prefix = this.options.prefix.replace(/:+$/, '') || 'fg';
    this.queue = new Queue<OverdueJob>(OVERDUE_QUEUE, { connection: this.connect(), prefix });
    this.worker = new Worker<OverdueJob>(OVERDUE_QUEUE, (job) => this.process(job), {
      connection: this.connect(),
      prefix,
      concurrency: 5,
    });
    this.worker.on('failed', (job, error) =>
      this.options.logger.warn({ err: error, jobId: job?.id }, 'overdue reminder failed'),
    );
    this.worker.on('error', (error) =>
      this.options.logger.warn({ err: error }, 'overdue reminder worker error'),
    );
    await Promise.all([this.queue.waitUntilReady(), this.worker.waitUntilReady()]);
  }

  private async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => undefined)));
    this.connections.length = 0;
  }

  private connect(): Redis {
    // BullMQ needs its own connections: no key prefix of ioredis (it has its own), no request retries cap.
    const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', (error: Error) =>
      this.options.logger.warn({ err: error }, 'redis error (overdue reminders)'),
    );
    this.connections.push(connection);
    return connection;
  }

  private requireQueue(): Queue<OverdueJob> {
    if (!this.queue) throw new Error('overdue reminders are not started yet');
    return this.queue;
  }

  /** Re-reads the invoice: acts only if it is still pending and past due, and only once. */
  private async process(job: Job<OverdueJob>): Promise<void> {
    const { invoiceId } = job.data;
    await this.options.uow.run(async ({ trx, emit }) => {
      const invoice = await findInvoice(trx, invoiceId, 'update');
      if (!invoice || invoice.overdue_notified_at !== null) return;
      if (!isOverdue(invoice.status, invoice.due_date, new Date())) return;
      await markOverdueNotified(trx, invoiceId);
      await emit(
        'invoice.overdue-detected',
        {
          invoiceId,
          number: invoice.number,
          taskId: invoice.task_id,
          total: Number(invoice.total),
          currency: invoice.currency,
          dueDate: invoice.due_date!,
        },
        { partitionKey: `invoice:${invoiceId}` },
      );
    });
  }
}
