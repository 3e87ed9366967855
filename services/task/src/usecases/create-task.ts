import type { DataOf, Envelope, Messages, Task } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { dispatchWorkflow } from '../domain/dispatch.js';
import { actorId } from '../domain/requester.js';
import { eventBasics, offerDetails, taskPartition } from '../events/task-event-fields.js';
import { insertHistory, insertTask, loadTask } from '../store/tasks-store.js';

export interface CreateTaskDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * Records a new task (and its `create` history entry) and emits `task.created`, plus
 * `task.assigned` when it already has its technician (checked before, outside the transaction).
 */
export async function createTask(
  { uow }: CreateTaskDeps,
  request: Envelope<'task.create', DataOf<Messages, 'task.create'>>,
): Promise<Task> {
  const { title, description, area, scheduledAt, client, assigneeId } = request.data;
  return uow.run(async ({ trx, emit }) => {
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
}
