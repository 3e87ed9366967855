import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import { eventBasics, offerDetails, taskPartition } from '../events/task-event-fields.js';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { cancelOfferReminders, type OfferRemindersDeps } from '../usecases/cancel-offer-reminders.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

/**
 * `task.change-status` (S0-10): an admin sets any status by hand, with a reason; cancelling is
 * one such change. Emits `task.status-changed` (action `change-status`).
 */
export function changeStatusHandler(
  deps: TransitionDeps & OfferRemindersDeps & TaskReadDeps,
): RequestHandler<Messages, 'task.change-status'> {
  return async (request) => {
    const { taskId, status, reason } = request.data;
    const fired = await transitionTask(
      deps,
      request,
      taskId,
      {
        action: 'change-status',
        byUserId: actorId(request),
        reason,
        target: status,
      },
      {
        effects: async ({ before, after }, { emit }) => {
          await emit(
            'task.status-changed',
            {
              ...eventBasics(after),
              ...offerDetails(after),
              from: before.status,
              to: after.status,
              reason,
              action: 'change-status',
            },
            taskPartition(taskId),
          );
        },
      },
    );
    await cancelOfferReminders(deps, fired);
    return loadTask(deps.db, fired.after);
  };
}
