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
 * `task.send` (S0-06, S0-10 resend): the offer goes to the assignee, basic details only. Every send
 * counts up `sendCount`; the previous offer's reminders go, this one's are scheduled.
 */
export function sendTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.send'> {
  return async (request) => {
    const { taskId } = request.data;
    const fired = await transition(
      context,
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
    await cancelOfferReminders(context, fired);
    await context.reminders.schedule({
      taskId,
      sendCount: fired.after.send_count,
      assigneeId: fired.after.assignee_id!,
    });
    return answer(context, fired);
  };
}
