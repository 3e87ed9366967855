import {
  settledOfferText,
  taskOfferMessageKey,
  type Lang,
  type OfferDetails,
  type OfferOutcome,
} from '@fieldgram/bot-ui';
import type { DataOf, EventType, Messages } from '@fieldgram/contracts';
import { fieldOf } from './template.js';

/**
 * How the technician's offer message follows the task (S0-07, issue 5) — as data. For the
 * event, when it matches, the offer in the chat of the person in `userField` is edited to the
 * same details (bot-ui's offer body, which conversation sent) with how it ended instead of the
 * question, and its Accept/Reject buttons removed. The events carry the offer's details.
 *
 * The offer is known to bot-gateway by bot-ui's message key `task:<taskId>:offer` — one key per
 * task, without the send count, because `task.accepted`/`task.rejected` do not carry it.
 * conversation re-points the key at every (re)send and takes the buttons off the previous offer
 * first, so the key always names the latest offer, the only one an answer can be about.
 */
export interface OfferEdit<T extends EventType<Messages> = EventType<Messages>> {
  id: string;
  event: T;
  when?: Partial<Record<keyof DataOf<Messages, T> & string, string | number | boolean | null>>;
  /** The person whose offer is edited: the field holding their user id. */
  userField: keyof DataOf<Messages, T> & string;
  /** Skip when this other field holds the same person (a reassignment to the same technician). */
  unlessSameAs?: keyof DataOf<Messages, T> & string;
  outcome: OfferOutcome;
}

function edit<T extends EventType<Messages>>(definition: OfferEdit<T>): OfferEdit {
  return definition;
}

export const OFFER_EDITS: readonly OfferEdit[] = [
  edit({ id: 'offer-accepted', event: 'task.accepted', userField: 'assigneeId', outcome: 'accepted' }),
  edit({ id: 'offer-rejected', event: 'task.rejected', userField: 'assigneeId', outcome: 'rejected' }),
  edit({
    id: 'offer-reassigned',
    event: 'task.assigned',
    userField: 'previousAssigneeId',
    unlessSameAs: 'assigneeId',
    outcome: 'reassigned',
  }),
  edit({
    id: 'offer-cancelled',
    event: 'task.status-changed',
    when: { to: 'cancelled' },
    userField: 'assigneeId',
    outcome: 'cancelled',
  }),
  edit({ id: 'offer-deleted', event: 'task.deleted', userField: 'assigneeId', outcome: 'cancelled' }),
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

/** The offer's details as the event carries them (an older event: number and title only). */
function offerDetailsOf(candidate: OfferEdit, data: unknown): OfferDetails & { taskId: string } {
  const [taskId, number, title] = ['taskId', 'number', 'title'].map((field) => fieldOf(data, field));
  if (typeof taskId !== 'string' || typeof number !== 'number' || typeof title !== 'string')
    throw new Error(`offer edit "${candidate.id}" needs the event's taskId, number and title`);
  const text = (field: string) => {
    const value = fieldOf(data, field);
    return typeof value === 'string' || value === null ? value : undefined;
  };
  return {
    taskId,
    number,
    title,
    area: text('area') ?? undefined,
    scheduledAt: text('scheduledAt'),
    description: text('description'),
  };
}

/** The `editMessageText` of the offer: its details and how it ended, no `reply_markup` (the buttons go). */
export function offerEditCommand(
  candidate: OfferEdit,
  data: unknown,
  lang: Lang,
  target: { eventId: string; chatId: number },
) {
  const offer = offerDetailsOf(candidate, data);
  return {
    idempotencyKey: `notification:offer:${target.eventId}:${candidate.id}`,
    chatId: target.chatId,
    method: 'editMessageText' as const,
    params: { text: settledOfferText(lang, offer, candidate.outcome) },
    messageKey: taskOfferMessageKey(offer.taskId),
  };
}
