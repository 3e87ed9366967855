import type { DataOf, EventType, Messages } from '@fieldgram/contracts';
import { fieldOf, renderTemplate, type Language, type Localized } from './rules.js';

/**
 * How the technician's offer message follows the task (S0-07, issue 5) — as data. For the
 * event, when it matches, the offer in the chat of the person in `userField` is edited to
 * `text`, its Accept/Reject buttons removed.
 *
 * The offer is known to bot-gateway by the message key `task:<taskId>:offer` — one key per task,
 * without the send count, because `task.accepted`/`task.rejected` do not carry it. conversation
 * re-points the key at every (re)send and takes the buttons off the previous offer first, so the
 * key always names the latest offer, the only one an answer can be about.
 */
export interface OfferEdit<T extends EventType<Messages> = EventType<Messages>> {
  id: string;
  event: T;
  when?: Partial<Record<keyof DataOf<Messages, T> & string, string | number | boolean | null>>;
  /** The person whose offer is edited: the field holding their user id. */
  userField: keyof DataOf<Messages, T> & string;
  /** Skip when this other field holds the same person (a reassignment to the same technician). */
  unlessSameAs?: keyof DataOf<Messages, T> & string;
  text: Localized;
}

function edit<T extends EventType<Messages>>(definition: OfferEdit<T>): OfferEdit {
  return definition;
}

export const offerMessageKey = (taskId: string) => `task:${taskId}:offer`;

const CANCELLED: Localized = {
  ru: '🚫 Задача №{number} отменена: {title}',
  en: '🚫 Task #{number} was cancelled: {title}',
};

export const OFFER_EDITS: readonly OfferEdit[] = [
  edit({
    id: 'offer-accepted',
    event: 'task.accepted',
    userField: 'assigneeId',
    text: { ru: '✅ Принято — задача №{number}: {title}', en: '✅ Accepted — task #{number}: {title}' },
  }),
  edit({
    id: 'offer-rejected',
    event: 'task.rejected',
    userField: 'assigneeId',
    text: { ru: '❌ Отклонено — задача №{number}: {title}', en: '❌ Rejected — task #{number}: {title}' },
  }),
  edit({
    id: 'offer-reassigned',
    event: 'task.assigned',
    userField: 'previousAssigneeId',
    unlessSameAs: 'assigneeId',
    text: {
      ru: 'Задача №{number} больше не ваша: {title}',
      en: 'This task is no longer yours: task #{number}, {title}',
    },
  }),
  edit({
    id: 'offer-cancelled',
    event: 'task.status-changed',
    when: { to: 'cancelled' },
    userField: 'assigneeId',
    text: CANCELLED,
  }),
  edit({ id: 'offer-deleted', event: 'task.deleted', userField: 'assigneeId', text: CANCELLED }),
];

/** The edits an event calls for, with the user whose offer each edits. */
export function matchingOfferEdits(
  edits: readonly OfferEdit[],
  event: { type: string; data: unknown },
): { edit: OfferEdit; userId: string }[] {
  return edits.flatMap((candidate) => {
    if (candidate.event !== event.type) return [];
    const matches = Object.entries(candidate.when ?? {}).every(
      ([field, expected]) => fieldOf(event.data, field) === expected,
    );
    const userId = fieldOf(event.data, candidate.userField);
    if (!matches || typeof userId !== 'string' || userId.length === 0) return [];
    if (candidate.unlessSameAs && fieldOf(event.data, candidate.unlessSameAs) === userId) return [];
    return [{ edit: candidate, userId }];
  });
}

/** The `editMessageText` of the offer: the new text, no `reply_markup` (the buttons go). */
export function offerEditCommand(
  candidate: OfferEdit,
  data: unknown,
  language: Language,
  target: { eventId: string; chatId: number },
) {
  const taskId = fieldOf(data, 'taskId');
  if (typeof taskId !== 'string') throw new Error(`offer edit "${candidate.id}" needs the event's taskId`);
  return {
    idempotencyKey: `notification:offer:${target.eventId}:${candidate.id}`,
    chatId: target.chatId,
    method: 'editMessageText' as const,
    params: { text: renderTemplate(candidate.text[language], data) },
    messageKey: offerMessageKey(taskId),
  };
}
