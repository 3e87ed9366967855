import { personLang, type Lang } from '@fieldgram/bot-ui';
import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import type { MessageHandler } from '@fieldgram/platform';
import type { Outgoing } from '../../core/outgoing.js';
import { eventConsumer, type EventConsumer, type FlowContext } from '../flow.js';
import { clientInfoReplies, offerReplies, reminderReplies } from './views.js';

/** Task events for technicians (offers, client details, reminders). */
export const TASK_EVENTS_QUEUE = 'conversation.task-events';

type AssigneeEvent = 'task.sent' | 'task.client-info-released' | 'task.offer-reminded';

/**
 * A task event for its assignee → messages in their private chat (a private chat's id is the
 * user's Telegram id), in their language (chosen, else their Telegram app's, else the org's).
 * Someone identity does not know, who is inactive or has no Telegram is not written to. The
 * `tg.out` keys derive from the event's id (`conv:<eventId>:<n>`), so a redelivered event sends
 * nothing twice; the chat's serializer keeps them in order with the chat's own updates.
 */
function toAssignee<T extends AssigneeEvent>(
  context: FlowContext,
  render: (data: DataOf<Messages, T>, lang: Lang) => Outgoing[],
): MessageHandler<Messages, T> {
  return async (event: Envelope<T, DataOf<Messages, T>>) => {
    const user = await context.identity.getUser(event.data.assigneeId, event);
    if (!user || !user.active || user.telegramId === null) {
      context.logger.info(
        { type: event.type, taskId: event.data.taskId },
        'assignee not reachable in Telegram',
      );
      return;
    }
    const chatId = user.telegramId;
    const lang = personLang(user, context.orgLang);
    await context.chats.run(chatId, () => context.replies.send(event, chatId, render(event.data, lang)));
  };
}

export function taskEvents(context: FlowContext): EventConsumer {
  return eventConsumer(TASK_EVENTS_QUEUE, {
    'task.sent': toAssignee<'task.sent'>(context, offerReplies),
    'task.client-info-released': toAssignee<'task.client-info-released'>(context, clientInfoReplies),
    'task.offer-reminded': toAssignee<'task.offer-reminded'>(context, reminderReplies),
  });
}
