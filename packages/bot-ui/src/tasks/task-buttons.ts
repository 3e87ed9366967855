import { callbackNamespace } from '../callback/callback-codec.js';
import { callbackButton, inlineKeyboard } from '../keyboards/inline.js';
import type { InlineKeyboardMarkup } from '../keyboards/markup.js';
import { t } from '../text/catalog.js';
import type { Lang } from '../text/lang.js';

/**
 * The technician's task buttons (S0-07, S0-09): `task:<action>:<taskId>`. The data only says
 * which button of which task was pressed; who may press it is decided by the task service.
 */
export const TASK_BUTTONS = callbackNamespace('task', ['accept', 'reject', 'skip', 'complete']);
export type TaskButtonAction = 'accept' | 'reject' | 'skip' | 'complete';

/** The pager's list name of "My tasks" (`pg:tasks:<page>`). */
export const MY_TASKS_LIST = 'tasks';

/** The one key of a task's offer message in bot-gateway (resends re-point it; see conversation). */
export const taskOfferMessageKey = (taskId: string) => `task:${taskId}:offer`;
/** The key of the message with the released client details. */
export const taskClientInfoMessageKey = (taskId: string) => `task:${taskId}:client-info`;

/** Accept / Reject under an offer. */
export function taskOfferKeyboard(lang: Lang, taskId: string): InlineKeyboardMarkup {
  return inlineKeyboard([
    [
      callbackButton(t(lang, 'task.button.accept'), TASK_BUTTONS.encode('accept', taskId)),
      callbackButton(t(lang, 'task.button.reject'), TASK_BUTTONS.encode('reject', taskId)),
    ],
  ]);
}

/** One tap to reject without a reason. */
export function taskSkipReasonKeyboard(lang: Lang, taskId: string): InlineKeyboardMarkup {
  return inlineKeyboard([[callbackButton(t(lang, 'task.button.skip'), TASK_BUTTONS.encode('skip', taskId))]]);
}

/** "Mark as Completed" under the client details. */
export function taskCompleteKeyboard(lang: Lang, taskId: string): InlineKeyboardMarkup {
  return inlineKeyboard([
    [callbackButton(t(lang, 'task.button.complete'), TASK_BUTTONS.encode('complete', taskId))],
  ]);
}
