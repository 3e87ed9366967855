import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { dispatchWorkflow } from '../domain/dispatch.js';
import { insertHistory, insertTask } from '../store/tasks-store.js';
import {
  actorId,
  eventBasics,
  loadTask,
  offerDetails,
  requireTechnician,
  taskPartition,
  type TaskContext,
} from './context.js';

/** `task.create` (S0-06): a new task, optionally already assigned. Emits `task.created` (+ `task.assigned`). */
export function createTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.create'> {
  const { runtime } = context;
  return async (request) => {
    const { title, description, area, scheduledAt, client, assigneeId } = request.data;
    if (assigneeId !== undefined) await requireTechnician(context, assigneeId);
    return runtime.uow.run(async ({ trx, emit }) => {
      const row = await insertTask(trx, {
        title,
        description: description ?? null,
        area,
        scheduledAt: scheduledAt ?? null,
        client,
        status: dispatchWorkflow.initial,
        assigneeId: assigneeId ?? null,
      });
      await insertHistory(trx, {
        task_id: row.id,
        by_user_id: actorId(request),
        action: 'create',
        from: null,
        to: row.status,
        reason: null,
        assignee_id: row.assignee_id,
      });
      const basics = eventBasics(row);
      await emit('task.created', { ...basics, area: row.area }, taskPartition(row.id));
      if (row.assignee_id !== null)
        await emit(
          'task.assigned',
          { ...basics, ...offerDetails(row), previousAssigneeId: null },
          taskPartition(row.id),
        );
      return loadTask(trx, row);
    }, request);
  };
}
