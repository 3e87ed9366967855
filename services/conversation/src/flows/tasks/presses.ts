import { TASK_BUTTONS, t, taskClientInfoMessageKey } from '@fieldgram/bot-ui';
import type { Outgoing } from '../../core/outgoing.js';
import { startPrompt } from '../../handlers/dialog.js';
import { staleButtonAnswer } from '../../views/replies.js';
import type { CallbackRoute } from '../flow.js';
import type { TaskPort } from './port.js';
import { REJECT_PROMPT } from './reject-reason.js';
import { refusedPress, rejectQuestion } from './views.js';

/**
 * The technician's task buttons (S0-07…S0-10): Accept, Reject (then the reason prompt), Skip
 * the reason, Mark as Completed. Every press goes to the task service with the presser's own
 * user id, and the task service decides; a refusal is answered politely and changes nothing.
 */
export function taskPresses(tasks: TaskPort): CallbackRoute {
  return async (turn, user, press): Promise<Outgoing[]> => {
    const { callbackQueryId, data } = turn.update.data;
    const button = TASK_BUTTONS.parse(data);
    // Only technicians answer offers; anyone else's press is stale without asking the task service.
    if (!button || user.role !== 'technician') return [staleButtonAnswer(callbackQueryId, turn.lang)];
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
        await startPrompt(turn, { name: REJECT_PROMPT, data: { taskId, number: found.value.number } });
        return [
          { kind: 'callback-answer', callbackQueryId },
          rejectQuestion(taskId, found.value.number, turn.lang),
        ];
      }
      case 'skip': {
        if (turn.session.prompt?.name === REJECT_PROMPT && turn.session.prompt.data.taskId === taskId)
          delete turn.session.prompt;
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
  };
}
