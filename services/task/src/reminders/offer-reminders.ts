import type { Logger } from 'pino';
import type { Messages } from '@fieldgram/contracts';
import { DelayedJobs, type ServicePart, type UnitOfWork } from '@fieldgram/platform';
import { findTask } from '../store/tasks-store.js';
import { taskPartition } from '../handlers/context.js';

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
  uow: UnitOfWork<Messages>;
  logger: Logger;
}

/**
 * Reminders of an unanswered offer (BullMQ, queue `task-reminders`): `remind` after the first
 * delay, `escalate` after the second. Jobs are only hints: when one fires it re-reads the task and
 * emits only if the same offer (status `sent`, same send count and assignee) is still unanswered,
 * and only once per offer (the task row remembers which send count it reminded).
 */
export class BullOfferReminders implements OfferReminders {
  private readonly jobs: DelayedJobs<ReminderJob>;

  constructor(private readonly options: OfferRemindersOptions) {
    this.jobs = new DelayedJobs<ReminderJob>({
      queue: REMINDER_QUEUE,
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      logger: options.logger,
      process: (name, data) => this.process(name as ReminderKind, data),
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

  /** Re-reads the task: acts only if this very offer is still unanswered, and only once. */
  private async process(kind: ReminderKind, job: ReminderJob): Promise<void> {
    const { taskId, sendCount, assigneeId } = job;
    const column = kind === 'remind' ? 'reminded_send_count' : 'escalated_send_count';
    await this.options.uow.run(async ({ trx, emit }) => {
      const task = await findTask(trx, taskId, 'update');
      if (
        !task ||
        task.status !== 'sent' ||
        task.send_count !== sendCount ||
        task.assignee_id !== assigneeId ||
        (task[column] ?? 0) >= sendCount
      )
        return;
      // Not a change of the task itself: updated_at stays.
      await trx
        .table('tasks')
        .where({ id: taskId })
        .update({ [column]: sendCount });
      const data = { taskId, number: task.number, title: task.title, assigneeId, sendCount };
      await emit(
        kind === 'remind' ? 'task.offer-reminded' : 'task.offer-unanswered',
        data,
        taskPartition(taskId),
      );
    });
  }
}
