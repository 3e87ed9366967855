import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import {
  answer,
  cancelOfferReminders,
  eventBasics,
  offerDetails,
  taskPartition,
  transition,
  type TaskContext,
} from './context.js';

/** `task.accept` (S0-09): only the assignee, only a pending offer. Emits `task.accepted`. */
export function acceptTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.accept'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const fired = await transition(
      context,
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
    await cancelOfferReminders(context, fired);
    return answer(context, fired);
  };
}

/** `task.reject` (S0-08): only the assignee, only a pending offer, an optional reason. Emits `task.rejected`. */
export function rejectTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.reject'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const reason = request.data.reason?.trim() || null;
    const fired = await transition(
      context,
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
    await cancelOfferReminders(context, fired);
    return answer(context, fired);
  };
}
