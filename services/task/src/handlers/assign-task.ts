import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import {
  actorId,
  answer,
  cancelOfferReminders,
  eventBasics,
  offerDetails,
  requireTask,
  requireTechnician,
  taskPartition,
  transition,
  type TaskContext,
} from './context.js';

/**
 * `task.assign` (S0-08, S0-10): assign or reassign. Someone else on a sent or accepted task voids
 * that offer (back to `new`); the same technician again changes nothing. Emits `task.assigned`.
 */
export function assignTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.assign'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const current = await requireTask(context.runtime.db.knex, taskId);
    if (current.assignee_id !== technicianId) await requireTechnician(context, technicianId);
    const fired = await transition(
      context,
      request,
      taskId,
      { action: 'assign', byUserId: actorId(request), assigneeId: technicianId },
      {
        effects: async ({ before, after }, { emit }) => {
          if (before.assignee_id === after.assignee_id) return;
          await emit(
            'task.assigned',
            { ...eventBasics(after), ...offerDetails(after), previousAssigneeId: before.assignee_id },
            taskPartition(taskId),
          );
        },
      },
    );
    if (fired.before.assignee_id !== fired.after.assignee_id) await cancelOfferReminders(context, fired);
    return answer(context, fired);
  };
}
