import type { OfferReminders } from '../reminders/offer-reminders.js';
import type { Fired } from './transition-task.js';

export interface OfferRemindersDeps {
  reminders: OfferReminders;
}

/** Reminders of an offer that is no longer pending go away (after commit; best effort). */
export async function cancelOfferReminders({ reminders }: OfferRemindersDeps, fired: Fired): Promise<void> {
  if (fired.before.status === 'sent') await reminders.cancel(fired.before.id, fired.before.send_count);
}
