import type { OfferRemindersDeps } from './cancel-offer-reminders.js';
import type { Fired } from './transition-task.js';

/** A sent offer gets its reminder and escalation (after commit: a rolled-back send schedules nothing). */
export async function scheduleOfferReminders({ reminders }: OfferRemindersDeps, sent: Fired): Promise<void> {
  await reminders.schedule({
    taskId: sent.after.id,
    sendCount: sent.after.send_count,
    assigneeId: sent.after.assignee_id!,
  });
}
