import { PAGE_SIZE } from '@fieldgram/bot-ui';
import { pagedList } from '../paged-list.js';
import type { TaskPort } from './port.js';
import { MY_TASK_STATUSES, myTasksReply, refusalText } from './views.js';

/**
 * "My tasks": the technician's open and completed tasks, 10 a page (`pg:tasks:<page>`, the press
 * answered silently); the workshop's "My tasks" (S4) is not built yet.
 */
export function myTasks(tasks: TaskPort) {
  return pagedList('technician', 'myTasks', async (turn, user, page) => {
    const outcome = await tasks.list(
      { assigneeId: user.id, statuses: MY_TASK_STATUSES, page, pageSize: PAGE_SIZE },
      turn.update,
    );
    if (!outcome.ok) return [{ kind: 'message', text: refusalText(outcome.refusal, turn.lang) }];
    const { items, total } = outcome.value;
    return [myTasksReply(items, total, outcome.value.page, turn.lang)];
  });
}
