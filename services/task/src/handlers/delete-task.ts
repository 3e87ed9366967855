import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import {
  actorId,
  cancelOfferReminders,
  eventBasics,
  offerDetails,
  taskPartition,
  transition,
  type TaskContext,
} from './context.js';

/** `task.delete`: a soft delete; the task disappears from get and list, its history stays for reports. */
export function deleteTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.delete'> {
  return async (request) => {
    const { taskId } = request.data;
    const fired = await transition(
      context,
      request,
      taskId,
      { action: 'delete', byUserId: actorId(request) },
      {
        columns: () => ({ deleted_at: new Date() }),
        effects: async ({ after }, { emit }) => {
          await emit(
            'task.deleted',
            { ...eventBasics(after), ...offerDetails(after) },
            taskPartition(taskId),
          );
        },
      },
    );
    await cancelOfferReminders(context, fired);
    return { deleted: true as const };
  };
}
