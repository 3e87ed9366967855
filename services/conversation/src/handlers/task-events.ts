import { personLang, type Lang } from '@fieldgram/bot-ui';
import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import type { KeyedSerializer, MessageHandler } from '@fieldgram/platform';
import type { Outgoing } from '../domain/outgoing.js';
import { clientInfoReplies, offerReplies, reminderReplies } from '../domain/task-replies.js';
import type { ConversationDeps } from './turn.js';

type AssigneeEvent = 'task.sent' | 'task.client-info-released' | 'task.offer-reminded';

/**
 * A task event for its assignee → messages in their private chat (a private chat's id is the
 * user's Telegram id), in their language (chosen, else their Telegram app's, else the org's). Someone identity does not know, who is inactive or has no Telegram is
 * not written to. The `tg.out` keys derive from the event's id (`conv:<eventId>:<n>`), so a
 * redelivered event sends nothing twice; the chat's serializer keeps them in order with the
 * chat's own updates.
 */
function toAssignee<T extends AssigneeEvent>(
  deps: ConversationDeps,
  chats: KeyedSerializer,
  render: (data: DataOf<Messages, T>, lang: Lang) => Outgoing[],
): MessageHandler<Messages, T> {
  return async (event: Envelope<T, DataOf<Messages, T>>) => {
    const user = await deps.identity.getUser(event.data.assigneeId, event);
    if (!user || !user.active || user.telegramId === null) {
      deps.logger.info({ type: event.type, taskId: event.data.taskId }, 'assignee not reachable in Telegram');
      return;
    }
    const chatId = user.telegramId;
    const lang = personLang(user, deps.orgLang);
    await chats.run(chatId, () => deps.replies.send(event, chatId, render(event.data, lang)));
  };
}

export function taskEventHandlers(deps: ConversationDeps, chats: KeyedSerializer) {
  return {
    'task.sent': toAssignee<'task.sent'>(deps, chats, offerReplies),
    'task.client-info-released': toAssignee<'task.client-info-released'>(deps, chats, clientInfoReplies),
    'task.offer-reminded': toAssignee<'task.offer-reminded'>(deps, chats, reminderReplies),
  };
}
