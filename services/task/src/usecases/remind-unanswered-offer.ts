import type { Messages } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { reminderIsDue } from '../domain/offer-reminder.js';
import { taskPartition } from '../events/task-event-fields.js';
import type { ReminderJob, ReminderKind } from '../reminders/offer-reminders.js';
import { findTask, markOfferReminded } from '../store/tasks-store.js';

export interface RemindUnansweredOfferDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * A reminder job came due: re-reads the task and, if this very offer is still unanswered and was
 * not reminded of this kind yet, records it and emits `task.offer-reminded` (remind) or
 * `task.offer-unanswered` (escalate).
 */
export async function remindUnansweredOffer(
  { uow }: RemindUnansweredOfferDeps,
  kind: ReminderKind,
  job: ReminderJob,
): Promise<void> {
  const { taskId, sendCount, assigneeId } = job;
  await uow.run(async ({ trx, emit }) => {
    const task = await findTask(trx, taskId, 'update');
    if (!task) return;
    const state = {
      status: task.status,
      sendCount: task.send_count,
      assigneeId: task.assignee_id,
      remindedSendCount: kind === 'remind' ? task.reminded_send_count : task.escalated_send_count,
    };
    if (!reminderIsDue(state, job)) return;
    await markOfferReminded(trx, taskId, kind, sendCount);
    const data = { taskId, number: task.number, title: task.title, assigneeId, sendCount };
    await emit(
      kind === 'remind' ? 'task.offer-reminded' : 'task.offer-unanswered',
      data,
      taskPartition(taskId),
    );
  });
}
