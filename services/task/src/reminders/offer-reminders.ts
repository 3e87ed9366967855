import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Messages } from '@fieldgram/contracts';
import type { ServicePart, UnitOfWork } from '@fieldgram/platform';
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
  private queue: Queue<ReminderJob> | null = null;
  private worker: Worker<ReminderJob> | null = null;
  private readonly connections: Redis[] = [];

  constructor(private readonly options: OfferRemindersOptions) {}

  part(): ServicePart {
    return {
      name: 'offer-reminders',
      start: () => this.start(),
      stop: () => this.stop(),
      isReady: () => this.connections.every((connection) => connection.status === 'ready'),
    };
  }

  async schedule(job: ReminderJob): Promise<void> {
    const queue = this.requireQueue();
    const { remindMs, escalateMs } = this.options;
    const common = { removeOnComplete: true, removeOnFail: 1_000, attempts: 5 };
    const backoff = { type: 'exponential', delay: 1_000 } as const;
    try {
      await queue.addBulk([
        {
          name: 'remind',
          data: job,
          opts: {
            ...common,
            backoff,
            delay: remindMs,
            jobId: reminderJobId('remind', job.taskId, job.sendCount),
          },
        },
        {
          name: 'escalate',
          data: job,
          opts: {
            ...common,
            backoff,
            delay: escalateMs,
            jobId: reminderJobId('escalate', job.taskId, job.sendCount),
          },
        },
      ]);
    } catch (error) {
      // The task is already sent (committed): a lost reminder must not fail the send.
      this.options.logger.warn({ err: error, taskId: job.taskId }, 'could not schedule offer reminders');
    }
  }

  async cancel(taskId: string, sendCount: number): Promise<void> {
    if (sendCount < 1 || !this.queue) return;
    const queue = this.queue;
    // Best effort: a job that is not removed finds the offer answered and does nothing.
    await Promise.all(
      (['remind', 'escalate'] as const).map((kind) =>
        queue.remove(reminderJobId(kind, taskId, sendCount)).catch((error: unknown) => {
          this.options.logger.warn({ err: error, taskId, kind }, 'could not remove an offer reminder');
        }),
      ),
    );
  }

  private async start(): Promise<void> {
    const prefix = this.options.prefix.replace(/:+$/, '') || 'fg';
    this.queue = new Queue<ReminderJob>(REMINDER_QUEUE, { connection: this.connect(), prefix });
    this.worker = new Worker<ReminderJob>(REMINDER_QUEUE, (job) => this.process(job), {
      connection: this.connect(),
      prefix,
      concurrency: 5,
    });
    this.worker.on('failed', (job, error) =>
      this.options.logger.warn({ err: error, jobId: job?.id }, 'offer reminder failed'),
    );
    this.worker.on('error', (error) =>
      this.options.logger.warn({ err: error }, 'offer reminder worker error'),
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
      this.options.logger.warn({ err: error }, 'redis error (reminders)'),
    );
    this.connections.push(connection);
    return connection;
  }

  private requireQueue(): Queue<ReminderJob> {
    if (!this.queue) throw new Error('offer reminders are not started yet');
    return this.queue;
  }

  /** Re-reads the task: acts only if this very offer is still unanswered, and only once. */
  private async process(job: Job<ReminderJob>): Promise<void> {
    const kind = job.name as ReminderKind;
    const { taskId, sendCount, assigneeId } = job.data;
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
