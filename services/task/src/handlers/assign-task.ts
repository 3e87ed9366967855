import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import { eventBasics, offerDetails, taskPartition } from '../events/task-event-fields.js';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { cancelOfferReminders, type OfferRemindersDeps } from '../usecases/cancel-offer-reminders.js';
import type { LookupPersonDeps } from '../usecases/lookup-person.js';
import { requireTask } from '../usecases/require-task.js';
import { requireTechnician } from '../usecases/require-technician.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

/**
 * `task.assign` (S0-08, S0-10): assign or reassign. Someone else on a sent or accepted task voids
 * that offer (back to `new`); the same technician again changes nothing. Emits `task.assigned`.
 */
export function assignTaskHandler(
  deps: TransitionDeps & OfferRemindersDeps & LookupPersonDeps & TaskReadDeps,
): RequestHandler<Messages, 'task.assign'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const current = await requireTask(deps.db, taskId);
    if (current.assignee_id !== technicianId) await requireTechnician(deps, technicianId);
    const fired = await transitionTask(
      deps,
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
    if (fired.before.assignee_id !== fired.after.assignee_id) await cancelOfferReminders(deps, fired);
    return loadTask(deps.db, fired.after);
  };
}
