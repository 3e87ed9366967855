import {
  MY_TASKS_LIST,
  PAGER_NOOP,
  PAGER_NS,
  PAGE_SIZE,
  TASK_BUTTONS,
  t,
  taskClientInfoMessageKey,
  type CallbackData,
} from '@fieldgram/bot-ui';
import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../domain/outgoing.js';
import { menuActionReply, staleButtonAnswer } from '../domain/replies.js';
import {
  MY_TASK_STATUSES,
  myTasksReply,
  refusalText,
  refusedPress,
  rejectQuestion,
} from '../domain/task-replies.js';
import type { CallbackRoute, MenuRoute, Routes, Turn, WizardRoute } from './turn.js';

/** The wizard that waits for a rejection's (optional) reason. */
export const REJECT_WIZARD = 'task-reject';
const REASON_MAX = 500;

/**
 * The technician's side of dispatch (S0-07…S0-10): Accept, Reject (with an optional reason),
 * Mark as Completed, and "My tasks". Every press goes to the task service with the presser's
 * own user id, and the task service decides; a refusal is answered politely and changes nothing.
 */
export const taskRoutes: Routes = {
  menu: { myTasks: (turn, user) => myTasksMenu(turn, user) },
  callbacks: {
    [TASK_BUTTONS.ns]: (turn, user, press) => taskPress(turn, user, press),
    [PAGER_NS]: (turn, user, press) => pagerPress(turn, user, press),
  },
  wizards: { [REJECT_WIZARD]: (turn, user, wizard) => rejectReason(turn, user, wizard) },
};

async function taskPress(turn: Turn<'tg.in.callback'>, user: User, press: CallbackData): Promise<Outgoing[]> {
  const { callbackQueryId, data } = turn.update.data;
  const button = TASK_BUTTONS.parse(data);
  // Only technicians answer offers; anyone else's press is stale without asking the task service.
  if (!button || user.role !== 'technician') return [staleButtonAnswer(callbackQueryId, turn.lang)];
  const { tasks } = turn.deps;
  const taskId = press.id;
  const technicianId = user.id;
  switch (button.action) {
    case 'accept': {
      const outcome = await tasks.accept({ taskId, technicianId }, turn.update);
      if (!outcome.ok) return [refusedPress(callbackQueryId, outcome.refusal, turn.lang)];
      // The offer itself is edited to "Accepted" by notification, as the task moves.
      return [{ kind: 'callback-answer', callbackQueryId, text: t(turn.lang, 'task.accepted') }];
    }
    case 'reject': {
      // Ask for the reason only if the answer could be taken: the assignee, of an open offer.
      const found = await tasks.get(taskId, turn.update);
      if (!found.ok) return [refusedPress(callbackQueryId, found.refusal, turn.lang)];
      if (found.value.assigneeId !== technicianId)
        return [refusedPress(callbackQueryId, 'forbidden', turn.lang)];
      if (found.value.status !== 'sent') return [refusedPress(callbackQueryId, 'conflict', turn.lang)];
      turn.session.wizard = { name: REJECT_WIZARD, step: 1, data: { taskId, number: found.value.number } };
      return [
        { kind: 'callback-answer', callbackQueryId },
        rejectQuestion(taskId, found.value.number, turn.lang),
      ];
    }
    case 'skip': {
      if (turn.session.wizard?.name === REJECT_WIZARD && turn.session.wizard.data.taskId === taskId)
        delete turn.session.wizard;
      const outcome = await tasks.reject({ taskId, technicianId }, turn.update);
      if (!outcome.ok) return [refusedPress(callbackQueryId, outcome.refusal, turn.lang)];
      const text = t(turn.lang, 'task.rejected', { number: outcome.value.number });
      return [
        { kind: 'callback-answer', callbackQueryId, text },
        { kind: 'message', text },
      ];
    }
    case 'complete': {
      const outcome = await tasks.complete({ taskId, technicianId }, turn.update);
      if (!outcome.ok) return [refusedPress(callbackQueryId, outcome.refusal, turn.lang)];
      const text = t(turn.lang, 'task.completed', { number: outcome.value.number });
      return [
        { kind: 'callback-answer', callbackQueryId, text },
        // The client details stay; their button goes (a second press would be refused anyway).
        { kind: 'edit', messageKey: taskClientInfoMessageKey(taskId) },
        { kind: 'message', text },
      ];
    }
  }
}

/** The rejection's reason, typed; the wizard ends whatever the task service says. */
const rejectReason: WizardRoute = async (turn, user, wizard) => {
  const taskId = typeof wizard.data.taskId === 'string' ? wizard.data.taskId : undefined;
  if (!taskId) {
    delete turn.session.wizard;
    return [{ kind: 'message', text: t(turn.lang, 'fallback.text') }];
  }
  const reason = turn.update.data.text.trim().slice(0, REASON_MAX);
  if (!reason) return [{ kind: 'message', text: t(turn.lang, 'task.reject.empty') }];
  delete turn.session.wizard;
  const outcome = await turn.deps.tasks.reject({ taskId, technicianId: user.id, reason }, turn.update);
  if (!outcome.ok) return [{ kind: 'message', text: refusalText(outcome.refusal, turn.lang) }];
  return [{ kind: 'message', text: t(turn.lang, 'task.rejected', { number: outcome.value.number }) }];
};

/** "My tasks": the technician's open and completed tasks, 10 a page. */
async function myTasks(turn: Turn<'tg.in.message' | 'tg.in.callback'>, user: User, page: number) {
  const outcome = await turn.deps.tasks.list(
    { assigneeId: user.id, statuses: MY_TASK_STATUSES, page, pageSize: PAGE_SIZE },
    turn.update,
  );
  if (!outcome.ok) return [{ kind: 'message', text: refusalText(outcome.refusal, turn.lang) } as const];
  const { items, total } = outcome.value;
  return [myTasksReply(items, total, outcome.value.page, turn.lang)];
}

/** A technician's tasks; the workshop's "My tasks" (S4) is not built yet. */
const myTasksMenu: MenuRoute = async (turn, user) =>
  user.role === 'technician' ? myTasks(turn, user, 1) : [menuActionReply(user, 'myTasks', turn.lang)];

/** Back / Next under a list; the position button only stops spinning. */
const pagerPress: CallbackRoute = async (turn, user, press) => {
  const { callbackQueryId } = turn.update.data;
  const page = Number(press.id);
  if (press.action === PAGER_NOOP) return [{ kind: 'callback-answer', callbackQueryId }];
  if (press.action !== MY_TASKS_LIST || user.role !== 'technician' || !Number.isInteger(page) || page < 1)
    return [staleButtonAnswer(callbackQueryId, turn.lang)];
  return [{ kind: 'callback-answer', callbackQueryId }, ...(await myTasks(turn, user, page))];
};
