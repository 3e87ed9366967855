import type { Messages } from '@fieldgram/contracts';
import { DomainError, type QueryHandler } from '@fieldgram/platform';
import { updateTask, type TaskColumns } from '../store/tasks-store.js';
import { eventBasics, loadTask, requireTask, rolesOf, taskPartition, type TaskContext } from './context.js';

/** `task.update`: edits the details (not the status or assignee). Emits `task.updated` with the changed fields' names. */
export function updateTaskHandler({ runtime }: TaskContext): QueryHandler<Messages, 'task.update'> {
  return async (request) => {
    const { taskId, patch } = request.data;
    return runtime.uow.run(async ({ trx, emit }) => {
      const row = await requireTask(trx, taskId, 'update');
      if (!rolesOf(request, row).includes('admin'))
        throw new DomainError('forbidden', 'only staff may edit a task', { taskId });
      const columns: TaskColumns = {};
      const changed: string[] = [];
      const set = <K extends keyof TaskColumns>(
        field: string,
        column: K,
        value: TaskColumns[K],
        same: boolean,
      ) => {
        if (same) return;
        columns[column] = value;
        changed.push(field);
      };
      if (patch.title !== undefined) set('title', 'title', patch.title, patch.title === row.title);
      if (patch.description !== undefined)
        set('description', 'description', patch.description, patch.description === row.description);
      if (patch.area !== undefined) set('area', 'area', patch.area, patch.area === row.area);
      if (patch.scheduledAt !== undefined) {
        const same =
          (patch.scheduledAt === null ? null : Date.parse(patch.scheduledAt)) ===
          (row.scheduled_at?.getTime() ?? null);
        set('scheduledAt', 'scheduled_at', patch.scheduledAt, same);
      }
      if (patch.client !== undefined)
        set(
          'client',
          'client',
          JSON.stringify(patch.client),
          JSON.stringify(patch.client) === JSON.stringify(row.client),
        );
      if (!changed.length) return loadTask(trx, row);
      const updated = await updateTask(trx, taskId, columns);
      await emit('task.updated', { ...eventBasics(updated), changed }, taskPartition(taskId));
      return loadTask(trx, updated);
    }, request);
  };
}
