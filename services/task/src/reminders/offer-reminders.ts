import type { Logger } from 'pino';
import { DelayedJobs, type ServicePart } from '@fieldgram/platform';

export const REMINDER_QUEUE = 'task-reminders';
export type ReminderKind = 'remind' | 'escalate';

export interface ReminderJob {
  taskId: string;
  sendCount: number;
  assigneeId: string;
}

/** Deterministic: scheduling the same offer twice is one job; a resend (new sendCount) is another. */
export function reminderJobId(kind: ReminderKind, taskId: string, sendCount: number): string {
  return `${kind}:${taskId}:${sendCount}`;
}

/** What the handlers use: after a send, schedule; after anything that answers or voids the offer, cancel. */
export interface OfferReminders {
  schedule(job: ReminderJob): Promise<void>;
  cancel(taskId: string, sendCount: number): Promise<void>;
}

export interface OfferRemindersOptions {
  redisUrl: string;
  /** REDIS_PREFIX: BullMQ's keys live under it too. */
  prefix: string;
  remindMs: number;
  escalateMs: number;
  /** What a job does when it comes due (the use-case `remindUnansweredOffer`). */
  onDue: (kind: ReminderKind, job: ReminderJob) => Promise<void>;
  logger: Logger;
}

/**
 * Reminders of an unanswered offer (BullMQ, queue `task-reminders`): `remind` after the first
 * delay, `escalate` after the second. Only the adapter: a job that comes due is handed to
 * `onDue`, which re-reads the task and decides (jobs are only hints).
 */
export class BullOfferReminders implements OfferReminders {
  private readonly jobs: DelayedJobs<ReminderJob>;

  constructor(private readonly options: OfferRemindersOptions) {
    this.jobs = new DelayedJobs<ReminderJob>({
      queue: REMINDER_QUEUE,
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      logger: options.logger,
      process: (name, data) => options.onDue(name as ReminderKind, data),
    });
  }

  part(): ServicePart {
    return this.jobs.part();
  }

  async schedule(job: ReminderJob): Promise<void> {
    const { remindMs, escalateMs } = this.options;
    await this.jobs.schedule(
      (
        [
          ['remind', remindMs],
          ['escalate', escalateMs],
        ] as const
      ).map(([kind, delayMs]) => ({
        name: kind,
        data: job,
        delayMs,
        jobId: reminderJobId(kind, job.taskId, job.sendCount),
      })),
    );
  }

  async cancel(taskId: string, sendCount: number): Promise<void> {
    if (sendCount < 1) return;
    await this.jobs.cancel(
      (['remind', 'escalate'] as const).map((kind) => reminderJobId(kind, taskId, sendCount)),
    );
  }
}
