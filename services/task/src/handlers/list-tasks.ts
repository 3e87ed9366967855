import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { listTaskRows, toSummary } from '../store/tasks-store.js';
import type { TaskContext } from './context.js';

/** `task.list`: by status(es), assignee and a search text (title, area, description, #number); newest first, paged. */
export function listTasksHandler({ runtime }: TaskContext): QueryHandler<Messages, 'task.list'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const { rows, total } = await listTaskRows(runtime.db.knex, request.data);
    return { items: rows.map(toSummary), total, page, pageSize };
  };
}
