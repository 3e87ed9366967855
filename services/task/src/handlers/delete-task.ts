import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import { eventBasics, offerDetails, taskPartition } from '../events/task-event-fields.js';
import { cancelOfferReminders, type OfferRemindersDeps } from '../usecases/cancel-offer-reminders.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

/** `task.delete`: a soft delete; the task disappears from get and list, its history stays for reports. */
export function deleteTaskHandler(
  deps: TransitionDeps & OfferRemindersDeps,
): RequestHandler<Messages, 'task.delete'> {
  return async (request) => {
    const { taskId } = request.data;
    const fired = await transitionTask(
      deps,
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
    await cancelOfferReminders(deps, fired);
    return { deleted: true as const };
  };
}
