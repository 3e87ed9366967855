import { t } from '@fieldgram/bot-ui';
import type { PromptRoute } from '../flow.js';
import type { TaskPort } from './port.js';
import { refusalText } from './views.js';

/** The prompt that waits for a rejection's (optional) reason. */
export const REJECT_PROMPT = 'task-reject';
const REASON_MAX = 500;

/**
 * The rejection's reason, typed; the prompt ends whatever the task service says. One question
 * with its own Skip button on the offer's namespace (`task:skip:<id>`), so not a wizard.
 */
export function rejectReason(tasks: TaskPort): PromptRoute {
  return async (turn, user, prompt) => {
    const taskId = typeof prompt.data.taskId === 'string' ? prompt.data.taskId : undefined;
    if (!taskId) {
      delete turn.session.prompt;
      return [{ kind: 'message', text: t(turn.lang, 'fallback.text') }];
    }
    const reason = turn.update.data.text.trim().slice(0, REASON_MAX);
    if (!reason) return [{ kind: 'message', text: t(turn.lang, 'task.reject.empty') }];
    delete turn.session.prompt;
    const outcome = await tasks.reject({ taskId, technicianId: user.id, reason }, turn.update);
    if (!outcome.ok) return [{ kind: 'message', text: refusalText(outcome.refusal, turn.lang) }];
    return [{ kind: 'message', text: t(turn.lang, 'task.rejected', { number: outcome.value.number }) }];
  };
}
