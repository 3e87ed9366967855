import { PAGE_SIZE } from '@fieldgram/bot-ui';
import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../../core/outgoing.js';
import type { Turn } from '../../handlers/turn.js';
import { menuActionReply, staleButtonAnswer } from '../../views/replies.js';
import type { MenuRoute, PageRoute } from '../flow.js';
import type { TaskPort } from './port.js';
import { MY_TASK_STATUSES, myTasksReply, refusalText } from './views.js';

/** "My tasks": the technician's open and completed tasks, 10 a page. */
async function myTasks(
  tasks: TaskPort,
  turn: Turn<'tg.in.message' | 'tg.in.callback'>,
  user: User,
  page: number,
): Promise<Outgoing[]> {
  const outcome = await tasks.list(
    { assigneeId: user.id, statuses: MY_TASK_STATUSES, page, pageSize: PAGE_SIZE },
    turn.update,
  );
  if (!outcome.ok) return [{ kind: 'message', text: refusalText(outcome.refusal, turn.lang) }];
  const { items, total } = outcome.value;
  return [myTasksReply(items, total, outcome.value.page, turn.lang)];
}

/** A technician's tasks; the workshop's "My tasks" (S4) is not built yet. */
export function myTasksMenu(tasks: TaskPort): MenuRoute {
  return async (turn, user) =>
    user.role === 'technician'
      ? myTasks(tasks, turn, user, 1)
      : [menuActionReply(user, 'myTasks', turn.lang)];
}

/** A page of the list under the pager's Back / Next (`pg:tasks:<page>`); the press is answered silently. */
export function myTasksPage(tasks: TaskPort): PageRoute {
  return async (turn, user, page) =>
    user.role === 'technician'
      ? myTasks(tasks, turn, user, page)
      : [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)];
}
