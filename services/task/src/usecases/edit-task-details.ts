import type { DataOf, Envelope, Messages, Task } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { eventBasics, taskPartition } from '../events/task-event-fields.js';
import { loadTask, updateTask, type TaskColumns, type TaskRow } from '../store/tasks-store.js';
import { requireStaff } from './require-staff.js';
import { requireTask } from './require-task.js';

type Patch = DataOf<Messages, 'task.update'>['patch'];

export interface EditTaskDetailsDeps {
  uow: UnitOfWork<Messages>;
}

/**
 * Staff edit the details (not the status or assignee). Emits `task.updated` with the names of
 * the fields that really changed; a patch that changes nothing emits nothing.
 */
export async function editTaskDetails(
  { uow }: EditTaskDetailsDeps,
  request: Envelope<'task.update', DataOf<Messages, 'task.update'>>,
): Promise<Task> {
  const { taskId, patch } = request.data;
  return uow.run(async ({ trx, emit }) => {
    const row = await requireTask(trx, taskId, 'update');
    requireStaff(request, row);
    const { columns, changed } = detailChanges(row, patch);
    if (!changed.length) return loadTask(trx, row);
    const updated = await updateTask(trx, taskId, columns);
    await emit('task.updated', { ...eventBasics(updated), changed }, taskPartition(taskId));
    return loadTask(trx, updated);
  }, request);
}

/** The columns a patch changes, and the changed fields' names (as the API names them). */
function detailChanges(row: TaskRow, patch: Patch): { columns: TaskColumns; changed: string[] } {
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
  return { columns, changed };
}
