import {
  MY_TASKS_LIST,
  PAGE_SIZE,
  inlineKeyboard,
  offerText,
  pageWindow,
  pagerRow,
  t,
  taskClientInfoMessageKey,
  taskCompleteKeyboard,
  taskOfferKeyboard,
  taskOfferMessageKey,
  taskSkipReasonKeyboard,
  type Lang,
} from '@fieldgram/bot-ui';
import type { DataOf, Messages, TaskStatus, TaskSummary } from '@fieldgram/contracts';
import type { TaskRefusal } from './port.js';
import { refusalTexts } from '../service-answer.js';
import type { Outgoing } from '../../core/outgoing.js';

/** The statuses "My tasks" lists: what is still to do, and what was done. */
export const MY_TASK_STATUSES: TaskStatus[] = ['sent', 'accepted', 'client_info_sent', 'completed'];

/**
 * The offer of a sent task (S0-07): number, title, area, time and description (bot-ui's offer
 * text, whose body notification keeps when it edits the offer) — the event carries no client
 * data, and none is shown. A resend first takes the buttons off the previous
 * offer (the same message key), then sends the new one under that key, so the offer key always
 * names the latest offer for notification's edits.
 */
export function offerReplies(event: DataOf<Messages, 'task.sent'>, lang: Lang): Outgoing[] {
  const messageKey = taskOfferMessageKey(event.taskId);
  const offer: Outgoing = {
    kind: 'message',
    text: offerText(lang, event),
    markup: taskOfferKeyboard(lang, event.taskId),
    messageKey,
  };
  return event.sendCount > 1 ? [{ kind: 'edit', messageKey }, offer] : [offer];
}

/** The released client block (S0-09) with "Mark as Completed". */
export function clientInfoReplies(
  event: DataOf<Messages, 'task.client-info-released'>,
  lang: Lang,
): Outgoing[] {
  const { client } = event;
  const lines = [
    t(lang, 'task.clientInfo.title', { number: event.number, title: event.title }),
    t(lang, 'task.clientInfo.name', { name: client.name }),
    t(lang, 'task.clientInfo.phone', { phone: client.phone }),
    t(lang, 'task.clientInfo.address', { address: client.address }),
    ...(client.notes?.trim() ? [t(lang, 'task.clientInfo.notes', { notes: client.notes.trim() })] : []),
  ];
  return [
    {
      kind: 'message',
      text: lines.join('\n'),
      markup: taskCompleteKeyboard(lang, event.taskId),
      messageKey: taskClientInfoMessageKey(event.taskId),
    },
  ];
}

export function reminderReplies(event: DataOf<Messages, 'task.offer-reminded'>, lang: Lang): Outgoing[] {
  return [{ kind: 'message', text: t(lang, 'task.reminder', { number: event.number, title: event.title }) }];
}

export const refusalText = refusalTexts({
  conflict: 'task.refused.conflict',
  forbidden: 'task.refused.forbidden',
  not_found: 'task.refused.notFound',
  invalid: 'task.refused.invalid',
});

/** The answer to a press the task service refused: polite, and nothing else happens. */
export function refusedPress(callbackQueryId: string, refusal: TaskRefusal, lang: Lang): Outgoing {
  return { kind: 'callback-answer', callbackQueryId, text: refusalText(refusal, lang) };
}

export function rejectQuestion(taskId: string, number: number, lang: Lang): Outgoing {
  return {
    kind: 'message',
    text: t(lang, 'task.reject.ask', { number }),
    markup: taskSkipReasonKeyboard(lang, taskId),
  };
}

/** One page of "My tasks", with the pager under it when there is more than one page. */
export function myTasksReply(
  items: readonly TaskSummary[],
  total: number,
  page: number,
  lang: Lang,
): Outgoing {
  if (total === 0) return { kind: 'message', text: t(lang, 'task.list.empty') };
  const window = pageWindow(total, page, PAGE_SIZE);
  const lines = [
    t(lang, 'task.list.title', { total }),
    ...items.map((item) =>
      t(lang, 'task.list.item', {
        number: item.number,
        title: item.title,
        status: t(lang, `task.status.${item.status}`),
      }),
    ),
  ];
  const pager = pagerRow(lang, window, MY_TASKS_LIST);
  return {
    kind: 'message',
    text: lines.join('\n'),
    ...(pager.length > 0 ? { markup: inlineKeyboard([pager]) } : {}),
  };
}
