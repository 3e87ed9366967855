import type { Logger } from 'pino';
import type { Messages } from '@fieldgram/contracts';
import { DelayedJobs, type ServicePart, type UnitOfWork } from '@fieldgram/platform';
import { isOverdue, overdueAt } from '../domain/numbering.js';
import { invoicePartition } from '../events/invoice-event-fields.js';
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
  private readonly jobs: DelayedJobs<OverdueJob>;

  constructor(private readonly options: OverdueRemindersOptions) {
    this.jobs = new DelayedJobs<OverdueJob>({
      queue: OVERDUE_QUEUE,
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      logger: options.logger,
      process: (_name, data) => this.process(data),
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

  /** Re-reads the invoice: acts only if it is still pending and past due, and only once. */
  private async process(job: OverdueJob): Promise<void> {
    const { invoiceId } = job;
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
        invoicePartition(invoiceId),
      );
    });
  }
}
