import type { TaskStatus } from '@fieldgram/contracts';

/** The offer a reminder job was scheduled for. */
export interface RemindedOffer {
  sendCount: number;
  assigneeId: string;
}

/** The task as it is when the job fires. */
export interface OfferState {
  status: TaskStatus;
  sendCount: number;
  assigneeId: string | null;
  /** The send count this kind of reminder last went out for; null before the first. */
  remindedSendCount: number | null;
}

/**
 * A reminder job is only a hint: it acts only while this very offer (same send and assignee) is
 * still unanswered, and only once per offer.
 */
export function reminderIsDue(task: OfferState, offer: RemindedOffer): boolean {
  return (
    task.status === 'sent' &&
    task.sendCount === offer.sendCount &&
    task.assigneeId === offer.assigneeId &&
    (task.remindedSendCount ?? 0) < offer.sendCount
  );
}
