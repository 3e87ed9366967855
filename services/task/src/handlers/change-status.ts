import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import {
  actorId,
  answer,
  cancelOfferReminders,
  eventBasics,
  offerDetails,
  taskPartition,
  transition,
  type TaskContext,
} from './context.js';

/**
 * `task.change-status` (S0-10): an admin sets any status by hand, with a reason; cancelling is
 * one such change. Emits `task.status-changed` (action `change-status`).
 */
export function changeStatusHandler(context: TaskContext): QueryHandler<Messages, 'task.change-status'> {
  return async (request) => {
    const { taskId, status, reason } = request.data;
    const fired = await transition(
      context,
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
    await cancelOfferReminders(context, fired);
    return answer(context, fired);
  };
}
