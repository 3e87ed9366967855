import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { eventBasics, offerDetails, taskPartition } from '../events/task-event-fields.js';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { cancelOfferReminders, type OfferRemindersDeps } from '../usecases/cancel-offer-reminders.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

type AnswerOfferDeps = TransitionDeps & OfferRemindersDeps & TaskReadDeps;

/** `task.accept` (S0-09): only the assignee, only a pending offer. Emits `task.accepted`. */
export function acceptTaskHandler(deps: AnswerOfferDeps): RequestHandler<Messages, 'task.accept'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const fired = await transitionTask(
      deps,
      request,
      taskId,
      { action: 'accept', byUserId: technicianId, technicianId },
      {
        effects: async ({ after }, { emit }) => {
          await emit(
            'task.accepted',
            { ...eventBasics(after), ...offerDetails(after), assigneeId: technicianId },
            taskPartition(taskId),
          );
        },
      },
    );
    await cancelOfferReminders(deps, fired);
    return loadTask(deps.db, fired.after);
  };
}

/** `task.reject` (S0-08): only the assignee, only a pending offer, an optional reason. Emits `task.rejected`. */
export function rejectTaskHandler(deps: AnswerOfferDeps): RequestHandler<Messages, 'task.reject'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const reason = request.data.reason?.trim() || null;
    const fired = await transitionTask(
      deps,
      request,
      taskId,
      { action: 'reject', byUserId: technicianId, technicianId, reason },
      {
        effects: async ({ after }, { emit }) => {
          await emit(
            'task.rejected',
            { ...eventBasics(after), ...offerDetails(after), assigneeId: technicianId, reason },
            taskPartition(taskId),
          );
        },
      },
    );
    await cancelOfferReminders(deps, fired);
    return loadTask(deps.db, fired.after);
  };
}
