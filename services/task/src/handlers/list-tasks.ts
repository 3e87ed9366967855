import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { listTaskRows, toSummary, type TaskReadDeps } from '../store/tasks-store.js';

/** `task.list`: by status(es), assignee and a search text (title, area, description, #number); newest first, paged. */
export function listTasksHandler({ db }: TaskReadDeps): RequestHandler<Messages, 'task.list'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const { rows, total } = await listTaskRows(db, request.data);
    return { items: rows.map(toSummary), total, page, pageSize };
  };
}
