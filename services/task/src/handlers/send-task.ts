import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import { eventBasics, offerDetails, taskPartition } from '../events/task-event-fields.js';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { cancelOfferReminders, type OfferRemindersDeps } from '../usecases/cancel-offer-reminders.js';
import { scheduleOfferReminders } from '../usecases/schedule-offer-reminders.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

/**
 * `task.send` (S0-06, S0-10 resend): the offer goes to the assignee, basic details only. Every send
 * counts up `sendCount`; the previous offer's reminders go, this one's are scheduled.
 */
export function sendTaskHandler(
  deps: TransitionDeps & OfferRemindersDeps & TaskReadDeps,
): RequestHandler<Messages, 'task.send'> {
  return async (request) => {
    const { taskId } = request.data;
    const fired = await transitionTask(
      deps,
      request,
      taskId,
      { action: 'send', byUserId: actorId(request) },
      {
        columns: (task) => ({ send_count: task.send_count + 1 }),
        effects: async ({ after }, { emit }) => {
          await emit(
            'task.sent',
            {
              ...eventBasics(after),
              assigneeId: after.assignee_id!,
              ...offerDetails(after),
              sendCount: after.send_count,
            },
            taskPartition(taskId),
          );
        },
      },
    );
    await cancelOfferReminders(deps, fired);
    await scheduleOfferReminders(deps, fired);
    return loadTask(deps.db, fired.after);
  };
}
