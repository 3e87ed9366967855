import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { reportRows, type TaskReadDeps } from '../store/tasks-store.js';

/**
 * `task.report` (S0-12): one row per history entry in [from, to), with the task's basics.
 * `assigneeId` filters and reports whom each entry concerned; `status` filters by the task's current status.
 */
export function taskReportHandler({ db }: TaskReadDeps): RequestHandler<Messages, 'task.report'> {
  return async (request) => {
    const rows = await reportRows(db, request.data);
    return {
      rows: rows.map((row) => ({
        taskId: row.task_id,
        number: row.number,
        title: row.title,
        area: row.area,
        status: row.status,
        assigneeId: row.assignee_id,
        createdAt: row.created_at.toISOString(),
        at: row.at.toISOString(),
        action: row.action,
        from: row.from,
        to: row.to,
        byUserId: row.by_user_id,
        reason: row.reason,
      })),
    };
  };
}
