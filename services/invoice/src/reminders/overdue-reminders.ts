import type { Logger } from 'pino';
import { DelayedJobs, type ServicePart } from '@fieldgram/platform';
import { overdueAt } from '../domain/numbering.js';

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
  /** What a job does when it comes due (the use-case `detectOverdue`). */
  onDue: (job: OverdueJob) => Promise<void>;
  logger: Logger;
}

/**
 * The overdue reminder of an unpaid invoice (BullMQ, queue `invoice-reminders`): one job per invoice
 * at the end of its due date. Only the adapter: a job that comes due is handed to `onDue`, which
 * re-reads the invoice and decides (the job is only a hint).
 */
export class BullOverdueReminders implements OverdueReminders {
  private readonly jobs: DelayedJobs<OverdueJob>;

  constructor(private readonly options: OverdueRemindersOptions) {
    this.jobs = new DelayedJobs<OverdueJob>({
      queue: OVERDUE_QUEUE,
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      logger: options.logger,
      process: (_name, data) => options.onDue(data),
    });
  }

  part(): ServicePart {
    return this.jobs.part();
  }

  async schedule(invoiceId: string, dueDate: string): Promise<void> {
    const delayMs = this.options.delayMs ?? overdueAt(dueDate).getTime() - Date.now();
    await this.jobs.schedule([
      { name: 'overdue', data: { invoiceId }, delayMs, jobId: overdueJobId(invoiceId, dueDate) },
    ]);
  }

  async cancel(invoiceId: string, dueDate: string | null): Promise<void> {
    if (dueDate !== null) await this.jobs.cancel([overdueJobId(invoiceId, dueDate)]);
  }
}
